// SPEC §4 account page (guide §5.2): the password display rules, the menus offered per state, the students
// here and elsewhere (SPEC §3 rev.: of another establishment, only UAI and name), and the 404.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, desc, eq } from 'drizzle-orm';
import { auditEvents } from '../../db/schema.ts';
import type { TestInstance } from '../../../test/helpers/test-instance.ts';
import type { AdminAgent } from '../../../test/helpers/admin.ts';
import { accountOf, adminOf, COLLEGE_PUBLIC, demoInstance, ECOLE, textOf } from './test-kit.ts';

const FOOTNOTE = "* Seuls les mots de passe provisoires sont affichés, le mot de passe choisi par le responsable lors de l'activation de son compte est masqué.";

describe('Responsables: the account page', () => {
  let g: TestInstance;
  let directeur: AdminAgent;
  before(async () => {
    g = await demoInstance();
    directeur = await adminOf(g, 'directeur.demo', ECOLE);
  });
  after(async () => {
    await g?.close();
  });

  const page = async (identifier: string, agent = directeur) => agent.get(`/admin/responsables/compte/${(await accountOf(g, identifier)).id}`);

  test('Notifié et non activé: the provisional password in clear, the footnote, the menus with reset', async () => {
    const { status, body } = await page('b.fontanel');
    assert.equal(status, 200);
    const text = textOf(body);
    assert.match(text, /Identifiant b\.fontanel/);
    assert.match(body, /<dt>Mot de passe \*<\/dt><dd><code class="password">BUNZ57DM<\/code><\/dd>/);
    assert.ok(text.includes(FOOTNOTE));
    assert.match(text, /Courrier électronique benedicte\.fontanel@example\.org/);
    assert.match(text, /Téléphone Mobile 0639980001/);
    assert.match(text, /Origine du compte Etablissement/);
    assert.match(text, /État du compte Notifié et non activé/);
    assert.match(text, /Date de distribution \d{2}-\d{2}-\d{4}/);
    assert.match(text, /Date de dernière connexion Non renseignée/);
    for (const label of ['(Re)Notifier le compte', 'Avec réinitialisation du mot de passe', 'Par feuille individuelle imprimable', 'Par envoi de courriers électroniques', 'Modifier le compte', 'Réinitialiser le mot de passe']) {
      assert.ok(text.includes(label), label);
    }
    assert.ok(!text.includes("Renvoyer un courriel d'activation"), 'only for En cours d’activation');
    assert.match(body, /<a href="\/admin\/responsables\?retour=1">Retour à la liste<\/a>/);
    assert.match(text, /Inscrits dans l'établissement Prénom Nom Date de naissance Classe Jade FONTANEL 14-03-2022 Classe de Mme DARTHOUT/);
    assert.ok(!text.includes('Inscrits dans un autre établissement'));
  });

  test('a chosen password shows as *****; a child elsewhere shows with UAI and name only', async () => {
    const { body } = await page('a.nguessan');
    const text = textOf(body);
    assert.match(body, /<dt>Mot de passe \*<\/dt><dd><span>\*\*\*\*\*<\/span><\/dd>/);
    assert.doesNotMatch(text, /Parent2026x/);
    assert.match(text, /Inscrits dans l'établissement Prénom Nom Date de naissance Classe Zoé N'GUESSAN 02-05-2017 CM1 A/);
    assert.match(text, /Inscrits dans un autre établissement Prénom Nom Date de naissance Établissement Enzo N'GUESSAN 19-11-2014 0990202G - COLLEGE GEORGE SAND/);
    assert.ok(!text.includes('5E2'), 'not the class of the other establishment');
    // From the collège, the same account shows the other way round.
    const fromCollege = textOf((await page('a.nguessan', await adminOf(g, 'directeur.demo', COLLEGE_PUBLIC))).body);
    assert.match(fromCollege, /Inscrits dans l'établissement .* Enzo N'GUESSAN 19-11-2014 5E2/);
    assert.match(fromCollege, /Inscrits dans un autre établissement .* Zoé N'GUESSAN 02-05-2017 0990101X - ECOLE PRIMAIRE PUBLIQUE JULES FERRY/);
    assert.ok(!fromCollege.includes('CM1 A'));
  });

  test('Non notifié: no password, "Non renseigné" for an empty address, no reset offered', async () => {
    const { body } = await page('h.dacostalopes');
    const text = textOf(body);
    assert.match(body, /<dt>Mot de passe \*<\/dt><dd><\/dd>/);
    assert.match(text, /Courrier électronique Non renseigné/);
    assert.match(text, /Date de distribution Non renseignée/);
    assert.match(text, /État du compte Non notifié/);
    assert.match(text, /Origine du compte Non renseigné/);
    assert.ok(text.includes('(Re)Notifier le compte'));
    assert.ok(!text.includes('Avec réinitialisation du mot de passe'));
    assert.ok(!text.includes('Réinitialiser le mot de passe'));
    assert.ok(!text.includes('Modifier le compte'));
  });

  test('En cours d\'activation: "Renvoyer un courriel d\'activation" is offered', async () => {
    const directrice = await adminOf(g, 'directrice.demo');
    const { body } = await page('j.leboeuf', directrice);
    assert.match(body, /<a class="button" href="\/admin\/responsables\/compte\/[0-9a-f-]{36}\/activation">Renvoyer un courriel d'activation<\/a>/);
    assert.match(textOf(body), /État du compte En cours d'activation/);
    assert.match(body, /<span>\*\*\*\*\*<\/span>/);
  });

  test('an unknown id, a malformed id and an account of another establishment get the same 404', async () => {
    const foreign = await page('j.leboeuf'); // collège privé: not the directeur's
    const unknown = await directeur.get('/admin/responsables/compte/00000000-0000-4000-8000-000000000000');
    const malformed = await directeur.get('/admin/responsables/compte/1%27%20or%201=1');
    for (const r of [foreign, unknown, malformed]) {
      assert.equal(r.status, 404);
      assert.match(r.body, /Compte introuvable/);
      assert.doesNotMatch(r.body, /leboeuf|Lebœuf|LEBŒUF|Côme/i);
    }
    assert.equal(textOf(foreign.body), textOf(unknown.body));
  });

  test('consulting an account is audited', async () => {
    const account = await accountOf(g, 'b.fontanel');
    await page('b.fontanel');
    const [event] = await g.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'console.account_viewed'), eq(auditEvents.accountId, account.id)))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    assert.ok(event);
    assert.equal(event.actorKind, 'staff');
  });
});
