// SPEC §4 (Re)notify — guide §5.3: confirmation, one distribution per form, letters by e-mail (outbox) or
// sheets (PDF on demand), the guide's results and warnings, refresh safety and forged ids.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, count, eq, inArray } from 'drizzle-orm';
import { auditEvents, outbox } from '../../db/schema.ts';
import type { TestInstance } from '../../../test/helpers/test-instance.ts';
import type { AdminAgent } from '../../../test/helpers/admin.ts';
import { accountOf, adminOf, COLLEGE_PUBLIC, demoInstance, download, ECOLE, formFields, pdfPages, textOf, validate } from '../responsables/test-kit.ts';

const VALIDATE = '/admin/responsables/notifier/valider';

describe('Responsables: (re)notify', () => {
  let g: TestInstance;
  let directeur: AdminAgent;
  let csrf: string;
  before(async () => {
    g = await demoInstance();
    directeur = await adminOf(g, 'directeur.demo', ECOLE);
    csrf = await directeur.csrf();
  });
  after(async () => {
    await g?.close();
  });

  const ids = async (...identifiers: string[]) => Promise.all(identifiers.map(async (i) => (await accountOf(g, i)).id));
  const outboxOf = (accountIds: string[]) => g.database.db.select().from(outbox).where(inArray(outbox.accountId, accountIds));
  const auditCount = async () => (await g.database.db.select({ n: count() }).from(auditEvents))[0]!.n;

  test('bulk by e-mail: confirmation first, then C02/C04 in the outbox, accounts without address reported', async () => {
    const [fontanel, dacosta, nguessan] = await ids('b.fontanel', 'h.dacostalopes', 'a.nguessan');
    const confirmation = await directeur.post('/admin/responsables/notifier', { accountIds: [fontanel!, dacosta!, nguessan!], canal: 'email', depuis: 'liste', _csrf: csrf });
    assert.equal(confirmation.status, 200);
    const text = textOf(confirmation.body);
    assert.ok(text.includes('Êtes-vous sûr de vouloir notifier le(s) compte(s) (par courrier électronique) ?'));
    assert.ok(text.includes('3 compte(s) sélectionné(s).'));
    assert.ok(!text.includes('Avertissement'), 'no reset asked');
    assert.match(confirmation.body, />Valider</);
    assert.match(confirmation.body, /href="\/admin\/responsables\?retour=1"[^>]*>Annuler</);
    assert.equal((await accountOf(g, 'h.dacostalopes')).state, 'non_notifie', 'nothing happens before Valider');
    assert.equal((await outboxOf([fontanel!, nguessan!])).length, 0);

    const done = await validate(directeur, confirmation.body, VALIDATE);
    assert.equal(done.status, 303);
    const location = String(done.headers.location);
    assert.match(location, /^\/admin\/responsables\/distributions\/[0-9a-f-]{36}$/);
    const result = textOf((await directeur.get(location)).body);
    assert.ok(result.includes('La distribution a été effectuée avec succès pour le(s) compte(s) sélectionné(s).'));
    assert.ok(
      result.includes(
        "Aucune adresse mail n'étant renseignée, la distribution par mail est impossible pour le(s) responsable(s) suivant(s) (total : 1 compte(s)) : DACOSTA-LOPÈS Hervé",
      ),
    );
    assert.ok(result.includes("Vous devrez notifier ces comptes par feuilles individuelles tant que l'adresse mail du responsable ne sera pas connue dans EduConnect."));
    assert.ok(!result.includes('Télécharger le courrier au format PDF'), 'no PDF for e-mails');

    const messages = await outboxOf([fontanel!, dacosta!, nguessan!]);
    const byAccount = Object.fromEntries(messages.map((m) => [m.accountId, m]));
    assert.equal(messages.length, 2);
    assert.equal(byAccount[fontanel!]!.template, 'C02');
    assert.equal(byAccount[fontanel!]!.recipient, 'benedicte.fontanel@example.org');
    assert.match(byAccount[fontanel!]!.text, /Identifiant : b\.fontanel/);
    assert.match(byAccount[fontanel!]!.text, /BUNZ57DM/);
    assert.match(byAccount[fontanel!]!.text, /Jade FONTANEL/);
    assert.equal(byAccount[nguessan!]!.template, 'C04');
    assert.match(byAccount[nguessan!]!.text, /Votre mot de passe est inchangé\./);
    assert.match(byAccount[nguessan!]!.text, /Zoé N'GUESSAN[\s\S]*Enzo N'GUESSAN|Enzo N'GUESSAN[\s\S]*Zoé N'GUESSAN/, 'every child of the account, across establishments');
    assert.equal((await accountOf(g, 'h.dacostalopes')).state, 'non_notifie');
    assert.equal((await accountOf(g, 'b.fontanel')).distributedAt!.toISOString(), g.clock().toISOString());

    // Refresh safety: reloading the result notifies nobody; submitting the same confirmation again neither.
    const before = { audit: await auditCount(), outbox: (await outboxOf([fontanel!, nguessan!])).length };
    assert.equal((await directeur.get(location)).status, 200);
    const again = await validate(directeur, confirmation.body, VALIDATE);
    assert.equal(again.status, 303);
    assert.equal(again.headers.location, location);
    assert.equal((await outboxOf([fontanel!, nguessan!])).length, before.outbox);
    assert.equal(await auditCount(), before.audit);
  });

  test('bulk by sheets with reset: Non notifié becomes Notifié et non activé; one PDF page per account, in order', async () => {
    g.clock.advance(600_000); // later than the seed's notification, within the session
    const [dacosta, fontanel, nguessan] = await ids('h.dacostalopes', 'b.fontanel', 'a.nguessan');
    const confirmation = await directeur.post('/admin/responsables/notifier', {
      accountIds: [dacosta!, fontanel!, nguessan!],
      canal: 'sheet',
      reinitialiser: '1',
      depuis: 'liste',
      _csrf: csrf,
    });
    const text = textOf(confirmation.body);
    assert.ok(text.includes('Êtes-vous sûr de vouloir notifier le(s) compte(s) (par feuille individuelle) ?'));
    assert.ok(
      text.includes(
        "Avertissement : si vous avez coché l'option 'Avec réinitialisation du mot de passe', un nouveau mot de passe provisoire sera attribué aux responsables ayant déjà activé leur compte.",
      ),
    );
    const done = await validate(directeur, confirmation.body, VALIDATE);
    const location = String(done.headers.location);
    const resultPage = await directeur.get(location);
    const result = textOf(resultPage.body);
    assert.ok(result.includes('La distribution a été effectuée avec succès pour le(s) compte(s) sélectionné(s).'));
    assert.ok(result.includes("Avertissement : les mots de passe des comptes qui n'étaient pas encore notifiés n'ont pas été mis à jour."));
    const batchId = location.split('/').pop()!;
    assert.match(resultPage.body, new RegExp(`<a href="/admin/responsables/courriers/${batchId}\\.pdf"[^>]*>Télécharger le courrier au format PDF</a>`));

    const dacostaNow = await accountOf(g, 'h.dacostalopes');
    assert.equal(dacostaNow.state, 'notifie');
    assert.equal(dacostaNow.origin, 'etablissement');
    assert.equal(dacostaNow.distributedAt!.toISOString(), g.clock().toISOString());
    assert.equal((await g.accounts.checkCredentials('a.nguessan', 'Parent2026x')).outcome, 'invalid', 'reset: the old password stops at once');
    assert.equal((await g.accounts.checkCredentials('b.fontanel', 'BUNZ57DM')).outcome, 'invalid');

    const pdf = await download(g, directeur, `/admin/responsables/courriers/${batchId}.pdf`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(String(pdf.headers['content-disposition']), /^attachment; filename="Educonnect-Courriers-\d{14}\.pdf"$/);
    assert.equal(pdf.body.subarray(0, 5).toString(), '%PDF-');
    const pages = await pdfPages(pdf.body);
    assert.equal(pages.length, 3);
    assert.match(pages[0]!, /h\.dacostalopes/);
    assert.match(pages[1]!, /b\.fontanel/);
    assert.match(pages[2]!, /a\.nguessan/);
    // The PDF carries the passwords the account pages show, and they work.
    for (const [index, identifier] of [[0, 'h.dacostalopes'], [2, 'a.nguessan']] as const) {
      const page = await directeur.get(`/admin/responsables/compte/${(await accountOf(g, identifier)).id}`);
      const password = /<code class="password">([A-Z0-9]{8})<\/code>/.exec(page.body)![1]!;
      assert.ok(pages[index]!.includes(password), identifier);
      assert.equal((await g.accounts.checkCredentials(identifier, password)).outcome, 'valid');
    }
    assert.match(pages[0]!, /première connexion/, 'C01 for the account notified for the first time');
    assert.match(pages[2]!, /prochaine connexion/, 'C05 after a reset');
  });

  test('single from the account page: the guide\'s single wording, back on the account page with the PDF link', async () => {
    const [fontanel] = await ids('b.fontanel');
    const confirmation = await directeur.post('/admin/responsables/notifier', { accountIds: fontanel!, canal: 'sheet', depuis: 'compte', _csrf: csrf });
    assert.ok(textOf(confirmation.body).includes('Êtes-vous sûr de vouloir notifier le compte (par feuille individuelle) ?'));
    assert.match(confirmation.body, new RegExp(`href="/admin/responsables/compte/${fontanel}"[^>]*>Annuler<`));
    const done = await validate(directeur, confirmation.body, VALIDATE);
    assert.match(String(done.headers.location), new RegExp(`^/admin/responsables/compte/${fontanel}\\?distribution=[0-9a-f-]{36}$`));
    const page = await directeur.get(String(done.headers.location));
    assert.ok(textOf(page.body).includes('La distribution a été effectuée avec succès.'));
    assert.match(page.body, />Télécharger le courrier au format PDF</);

    const email = await directeur.post('/admin/responsables/notifier', { accountIds: fontanel!, canal: 'email', depuis: 'compte', _csrf: csrf });
    assert.ok(textOf(email.body).includes('Êtes-vous sûr de vouloir notifier le compte (par email) ?'));

    const [dacosta] = await ids('h.dacostalopes');
    const noMail = await directeur.post('/admin/responsables/notifier', { accountIds: dacosta!, canal: 'email', depuis: 'compte', _csrf: csrf });
    const after = await directeur.get(String((await validate(directeur, noMail.body, VALIDATE)).headers.location));
    const text = textOf(after.body);
    assert.ok(text.includes("Aucune adresse mail n'étant renseignée, la distribution par mail est impossible."));
    assert.ok(text.includes("Vous devrez notifier ce compte par feuille individuelle tant que l'adresse mail du responsable ne sera pas connue."));
    assert.ok(!text.includes('La distribution a été effectuée avec succès'));
  });

  test('an empty selection changes nothing and says so', async () => {
    const audit = await auditCount();
    const empty = await directeur.post('/admin/responsables/notifier', { canal: 'sheet', depuis: 'liste', _csrf: csrf });
    assert.equal(empty.status, 303);
    assert.equal(empty.headers.location, '/admin/responsables?retour=1&selection=vide');
    assert.ok(textOf((await directeur.get(String(empty.headers.location))).body).includes('Vous devez sélectionner un ou plusieurs comptes.'));
    assert.equal(await auditCount(), audit);
  });

  test('forged ids of another establishment are dropped, reported, and never acted upon', async () => {
    const [own, foreign] = await ids('b.fontanel', 'j.leboeuf');
    const leboeufBefore = await accountOf(g, 'j.leboeuf');
    const confirmation = await directeur.post('/admin/responsables/notifier', { accountIds: [own!, foreign!], canal: 'sheet', depuis: 'liste', _csrf: csrf });
    assert.deepEqual(formFields(confirmation.body, VALIDATE).accountIds, [own], 'the confirmation carries only the allowed ids');
    const fields = formFields(confirmation.body, VALIDATE);
    const done = await directeur.post(VALIDATE, { ...fields, accountIds: [own!, foreign!] });
    const result = textOf((await directeur.get(String(done.headers.location))).body);
    assert.ok(result.includes("1 compte(s) n'ont pas été traités"));
    const leboeufAfter = await accountOf(g, 'j.leboeuf');
    assert.deepEqual(leboeufAfter, leboeufBefore);
    const touched = await g.database.db.select().from(auditEvents).where(and(eq(auditEvents.accountId, foreign!), eq(auditEvents.action, 'account.notified')));
    assert.equal(touched.length, 1, 'only the seed\'s own notification');
  });

  test('the PDF only for the admin who made it, while that establishment is the current one', async () => {
    const [fontanel] = await ids('b.fontanel');
    const confirmation = await directeur.post('/admin/responsables/notifier', { accountIds: fontanel!, canal: 'sheet', depuis: 'liste', _csrf: csrf });
    const batchId = String((await validate(directeur, confirmation.body, VALIDATE)).headers.location).split('/').pop()!;
    const url = `/admin/responsables/courriers/${batchId}.pdf`;
    const directrice = await adminOf(g, 'directrice.demo');
    assert.equal((await download(g, directrice, url)).status, 404);
    assert.equal((await directrice.get(`/admin/responsables/distributions/${batchId}`)).status, 404);
    const elsewhere = await adminOf(g, 'directeur.demo', COLLEGE_PUBLIC);
    assert.equal((await download(g, elsewhere, url)).status, 404);
    assert.equal((await elsewhere.get(`/admin/responsables/distributions/${batchId}`)).status, 404);
    assert.equal((await download(g, directeur, url)).status, 200);
    assert.equal((await download(g, directeur, '/admin/responsables/courriers/not-an-id.pdf')).status, 404);
  });

  test('without the form token, nothing is confirmed nor notified', async () => {
    const [fontanel] = await ids('b.fontanel');
    const before = await accountOf(g, 'b.fontanel');
    for (const url of ['/admin/responsables/notifier', VALIDATE]) {
      const r = await directeur.post(url, { accountIds: fontanel!, canal: 'sheet', depuis: 'liste', requete: crypto.randomUUID() });
      assert.equal(r.status, 403, url);
    }
    assert.deepEqual(await accountOf(g, 'b.fontanel'), before);
  });
});
