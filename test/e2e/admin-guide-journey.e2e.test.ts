// The guide's use cases (seed 002 §3.1 and §3.2), end to end in Chromium, with a real SMTP peer: directeur.demo
// chooses the école, notifies the rentrée by e-mail (C02 arrives, one per account) and by sheets (one PDF page per
// account), prints a class's list (CSV and PDF), follows the activation in Statistiques while an activation really
// happens (C07 resent to a corrected address, its link opened), then helps a parent who lost a chosen password
// (reset, re-notify: C06 by e-mail, C05 on a sheet). axe-core checks every page the browser loads; one
// notification by sheets runs with JavaScript disabled.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Download, Locator, Page } from 'playwright-core';
import { count, eq, sql } from 'drizzle-orm';
import { readProvisionalPassword } from '../../src/accounts/provisional.ts';
import { linkedToEstablishment } from '../../src/admin/responsables/sql-fragments.ts';
import { pdfPages } from '../../src/admin/responsables/test-kit.ts';
import { queryRows } from '../../src/db/rows.ts';
import { accounts, establishments, outbox } from '../../src/db/schema.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { axeViolations, chromiumAvailable, launchBrowser } from '../helpers/browser.ts';
import { startSmtpPeer, type ReceivedMail, type SmtpPeer } from '../helpers/smtp-peer.ts';
import type { TestInstance } from '../helpers/test-instance.ts';
import { testInstanceWithSmtp } from '../helpers/test-instance-with-smtp.ts';

const skip = !chromiumAvailable() && !process.env.CI && 'Chromium is not installed (apt-get install chromium)';

const ECOLE_LABEL = '0990101X - ECOLE PRIMAIRE PUBLIQUE JULES FERRY';
const SUBJECT_ACCOUNT = 'Mise à disposition de services en ligne pour suivre la scolarité de votre enfant';
const SUBJECT_PASSWORD = "Services en ligne de l'éducation nationale - demande de changement de mot de passe";
const SUBJECT_ACTIVATION = "Services en ligne de l'éducation nationale - activation du compte";
const CSV_HEADER =
  "RNE;Ecole;Nom de l'élève;Prénom de l'élève;Niveau de l'élève;Classe de l'élève;Nom du responsable;Prénom du responsable;Identifiant;Mot de passe";
const CHOSEN_PASSWORD = 'Choisi2026x';
const PROVISIONAL = /^[A-HJ-NP-Z2-9]{8}$/;

type StateLabel = 'Non notifié' | 'Notifié et non activé' | "En cours d'activation" | 'Activé';
const STATE_LABELS: StateLabel[] = ['Non notifié', 'Notifié et non activé', "En cours d'activation", 'Activé'];

interface Summary {
  accounts: number;
  nonNotifie: number;
  notifie: number;
  enCours: number;
  active: number;
  activatedShare: string;
  studentsShare: string;
}

describe("the guide's use cases (§3.1, §3.2) in Chromium, over SMTP", { skip }, () => {
  let peer: SmtpPeer;
  let g: TestInstance;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let ecoleId: number;
  /** Every URL the JavaScript page loaded, and those axe-core checked. */
  const loaded = new Set<string>();
  const axeChecked = new Set<string>();
  let baseline: Summary;
  let afterNotification: Summary;
  let classesAfterNotification: Map<string, number[]>;
  /** The account activated in "Suivre l'avancement", helped in §3.2. */
  let activated: { id: string; identifier: string; email: string; lastName: string };

  const db = () => g.database.db;
  const account = async (id: string) => (await db().query.accounts.findFirst({ where: eq(accounts.id, id) }))!;

  before(async () => {
    peer = await startSmtpPeer();
    g = await testInstanceWithSmtp({ smtpPort: peer.port });
    await seedDemo(g.deps);
    await g.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(g.app.server.address() as AddressInfo).port}`;
    [{ id: ecoleId }] = (await db().select({ id: establishments.id }).from(establishments).where(eq(establishments.uai, '0990101X'))) as [{ id: number }];
    browser = await launchBrowser();
    context = await browser.newContext();
    page = await context.newPage();
    page.on('load', () => loaded.add(page.url()));
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await g?.close();
    await peer?.close();
  });

  // ——— what a user does, and what every page must pass ———

  /** axe-core on the page now shown (WCAG 2.1 A/AA and best practices): nothing to report. */
  async function accessible(what: string, on: Page = page) {
    await on.waitForLoadState('load');
    assert.deepEqual(await axeViolations(on), [], `${what} (${on.url()})`);
    axeChecked.add(on.url());
  }

  async function signInToEcole(on: Page, checkAxe: boolean) {
    await on.goto(`${base}/admin/connexion`);
    if (checkAxe) await accessible('sign-in page', on);
    await on.getByLabel('Identifiant').fill('directeur.demo');
    await on.getByLabel('Mot de passe').fill('Demo-Guichet-2026');
    await navigate(on, on.getByRole('button', { name: 'Se connecter' }));
    assert.equal(on.url(), `${base}/admin`);
    if (checkAxe) await accessible('home, before choosing', on);
    await on.getByLabel('Établissement à administrer').selectOption({ label: ECOLE_LABEL });
    await navigate(on, on.getByRole('button', { name: 'Choisir cet établissement' }));
    assert.equal(on.url(), `${base}/admin`);
    assert.equal(await on.locator('.establishment .uai').textContent(), '0990101X');
    if (checkAxe) await accessible('home, école chosen', on);
  }

  async function tab(name: 'Responsables' | 'Statistiques', on: Page = page, checkAxe = true) {
    await navigate(on, on.getByRole('navigation', { name: 'Onglets de la console' }).getByRole('link', { name }));
    if (checkAxe) await accessible(`${name} tab`, on);
  }

  /** §5.1: sets the criteria (unset ones: all) and clicks Rechercher. */
  async function search(criteria: { texte?: string; etats?: StateLabel[]; messagerie?: Array<'Avec adresse mail' | 'Sans adresse mail'>; classes?: string[] }, on: Page = page, checkAxe = true) {
    const form = on.locator('form.criteria');
    await form.getByLabel("Nom ou prénom d'un élève ou d'un responsable").fill(criteria.texte ?? '');
    for (const label of STATE_LABELS) await form.getByRole('checkbox', { name: label, exact: true }).setChecked(!criteria.etats || criteria.etats.includes(label));
    for (const label of ['Avec adresse mail', 'Sans adresse mail'] as const) {
      await form.getByRole('checkbox', { name: label, exact: true }).setChecked(!criteria.messagerie || criteria.messagerie.includes(label));
    }
    const classBoxes = form.locator('input[name="classe"]');
    for (let i = 0; i < (await classBoxes.count()); i++) {
      const box = classBoxes.nth(i);
      const label = (await form.locator(`label[for="${await box.getAttribute('id')}"]`).textContent())!;
      await box.setChecked(!criteria.classes || criteria.classes.includes(label));
    }
    await navigate(on, form.getByRole('button', { name: 'Rechercher' }));
    if (checkAxe) await accessible(`search ${JSON.stringify(criteria)}`, on);
  }

  const noResult = (on: Page = page) => on.getByText('Attention ! Aucun responsable ne correspond à vos critères de sélection. Veuillez modifier votre demande.').count();

  /** The header box (JavaScript) selects the page's rows; returns the distinct account ids checked. */
  async function selectAllRows(): Promise<string[]> {
    await page.getByLabel('Sélectionner toutes les lignes de la page').check();
    const ids = [...new Set(await page.$$eval('input[name="accountIds"]:checked', (boxes) => boxes.map((b) => (b as HTMLInputElement).value.split(":")[0]!)))];
    assert.equal(await page.locator('#compteur').textContent(), String(ids.length));
    return ids;
  }

  /** Clicks what leads to another page and waits until that page has loaded. */
  async function navigate(on: Page, target: Locator) {
    const committed = on.waitForEvent('framenavigated', { predicate: (frame) => frame === on.mainFrame(), timeout: 15_000 });
    await target.click();
    await committed;
    await on.waitForLoadState('load');
  }

  async function confirm(question: string, on: Page = page, checkAxe = true) {
    assert.equal((await on.locator('.question').textContent())?.replace(/^⚠\s*/, ''), question);
    if (checkAxe) await accessible(`confirmation: ${question}`, on);
    await navigate(on, on.getByRole('button', { name: 'Valider' }));
  }

  async function downloaded(trigger: Locator, on: Page = page): Promise<{ name: string; body: Buffer }> {
    const [download] = (await Promise.all([on.waitForEvent('download', { timeout: 15_000 }), trigger.click()])) as [Download, void];
    const path = await download.path();
    return { name: download.suggestedFilename(), body: await readFile(path) };
  }

  async function mainText(on: Page = page) {
    return ((await on.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
  }

  async function readSummary(): Promise<Summary> {
    const cells = (await page.locator('#synthese tbody td').allTextContents()).map((c) => c.trim());
    assert.equal(cells.length, 7);
    const [accountsN, nonNotifie, notifie, enCours, active] = cells.slice(0, 5).map(Number) as [number, number, number, number, number];
    return { accounts: accountsN, nonNotifie, notifie, enCours, active, activatedShare: cells[5]!, studentsShare: cells[6]! };
  }

  /** Per-class rows of the Statistiques page: label → [accounts, non notifiés, notifiés, en cours, activés]. */
  async function readClasses(): Promise<Map<string, number[]>> {
    const rows = page.locator('#par-classe tbody tr');
    const classes = new Map<string, number[]>();
    for (let i = 0; i < (await rows.count()); i++) {
      const label = ((await rows.nth(i).locator('th').textContent()) ?? '').trim();
      classes.set(label, (await rows.nth(i).locator('td').allTextContents()).slice(0, 5).map((c) => Number(c.trim())));
    }
    return classes;
  }

  async function computeStatistics(): Promise<Summary> {
    await navigate(page, page.getByRole('button', { name: 'Calculer les statistiques' }));
    assert.equal(page.url(), `${base}/admin/statistiques?calcule=1`);
    await page.getByText('Les statistiques ont été calculées.').waitFor();
    await accessible('statistics, computed');
    return readSummary();
  }

  /** The école's accounts in a state, with or without an address, straight from the database. */
  async function ecoleAccounts(state: string, withEmail: boolean): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      db(),
      sql`select a.id from accounts a where a.kind = 'guardian' and a.state = ${state} and (a.email is not null) = ${withEmail}
            and ${linkedToEstablishment(sql`a.id`, ecoleId)} order by a.id`,
    );
    return rows.map((r) => r.id);
  }

  /** Bounded: until the outbox worker has handed every pending message to the SMTP peer. */
  async function outboxDrained() {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [pending] = await db().select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending'));
      if (pending!.n === 0) break;
      if (Date.now() > deadline) throw new Error(`${pending!.n} e-mail(s) still pending after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [failed] = await db().select({ n: count() }).from(outbox).where(eq(outbox.status, 'failed'));
    assert.equal(failed!.n, 0, 'no e-mail failed');
  }

  const template = (m: ReceivedMail) => String(m.mail.headers.get('x-guichet-template') ?? '');
  const html = (m: ReceivedMail) => (typeof m.mail.html === 'string' ? m.mail.html : '');

  async function credentialsOf(identifier: string, password: string) {
    return g.accounts.checkCredentials(identifier, password);
  }

  // ——— §3.1 ———

  test('Suivre l\'avancement, before the rentrée: the statistics as they are', async () => {
    await signInToEcole(page, true);
    await tab('Statistiques');
    baseline = await computeStatistics();
    assert.ok(baseline.nonNotifie > 0 && baseline.accounts === baseline.nonNotifie + baseline.notifie + baseline.enCours + baseline.active, JSON.stringify(baseline));
  });

  test('§3.1 Première notification, rentrée: the Non notifié accounts with an address, notified by e-mail — one C02 each', async (t) => {
    // More than a page of them in the demo (50 rows a page): the admin notifies page after page.
    const expected = await ecoleAccounts('non_notifie', true);
    assert.ok(expected.length > 0);
    await tab('Responsables');
    await search({ etats: ['Non notifié'], messagerie: ['Avec adresse mail'] });
    const notified = new Set<string>();
    for (let round = 1; (await noResult()) === 0; round++) {
      assert.ok(round <= 5, 'the search still finds Non notifié accounts after 5 rounds');
      const ids = await selectAllRows();
      await navigate(page, page.getByRole('button', { name: 'Par envoi de courriers électroniques' }));
      await confirm('Êtes-vous sûr de vouloir notifier le(s) compte(s) (par courrier électronique) ?');
      assert.match(page.url(), /\/admin\/responsables\/distributions\/[0-9a-f-]{36}$/);
      const text = await mainText();
      assert.match(text, /La distribution a été effectuée avec succès pour le\(s\) compte\(s\) sélectionné\(s\)\./);
      assert.doesNotMatch(text, /Aucune adresse mail/);
      assert.equal(await page.getByRole('link', { name: 'Télécharger le courrier au format PDF' }).count(), 0, 'no PDF for e-mails');
      await accessible(`distribution by e-mail, round ${round}`);
      for (const id of ids) notified.add(id);
      // Back to the list: the remembered search runs again, without the accounts just notified.
      await navigate(page, page.getByRole('link', { name: 'Retour à la liste' }));
      await accessible(`back to the list, round ${round}`);
    }
    assert.deepEqual([...notified].sort(), expected, 'every Non notifié account with an address of the école, and only those');
    t.diagnostic(`${expected.length} accounts notified by e-mail, a page at a time`);

    // The SMTP peer: one C02 per account, at the account's address, with its identifier and provisional password.
    await peer.waitFor(`${expected.length} C02`, (received) => received.filter((m) => template(m) === 'C02').length >= expected.length, 60_000);
    await outboxDrained();
    const c02 = peer.received.filter((m) => template(m) === 'C02');
    assert.equal(c02.length, expected.length, 'exactly one e-mail per notified account');
    for (const id of expected) {
      const row = await account(id);
      assert.equal(row.state, 'notifie');
      const [guardian] = await queryRows<{ firstName: string; lastName: string }>(db(), sql`select first_name as "firstName", last_name as "lastName" from guardians where account_id = ${id} order by id limit 1`);
      const mails = c02.filter((m) => m.to.includes(row.email!.toLowerCase()) && (m.mail.text ?? '').includes(`Identifiant : ${row.identifier}\n`));
      assert.equal(mails.length, 1, `one C02 to ${row.email} for ${row.identifier}`);
      const { mail } = mails[0]!;
      assert.equal(mail.subject, SUBJECT_ACCOUNT);
      assert.match(mail.from?.text ?? '', /Administrateur des services en ligne/);
      const text = mail.text ?? '';
      assert.ok(text.includes(`A l'attention de ${guardian!.firstName} ${guardian!.lastName.toLocaleUpperCase('fr-FR')}.`), `${row.identifier}: addressed to the guardian`);
      assert.match(text, /met à la disposition des parents d'élèves un ensemble de services pédagogiques et administratifs/);
      assert.match(text, /0990101X/, `${row.identifier}: the establishment`);
      // SPEC §4: every child the account covers, in whatever establishment.
      const children = await queryRows<{ firstName: string; lastName: string }>(
        db(),
        sql`select distinct s.first_name as "firstName", s.last_name as "lastName" from guardians g
              join guardian_students gs on gs.guardian_id = g.id and gs.legal_responsibility join students s on s.id = gs.student_id and s.gone_at is null
            where g.account_id = ${id} and g.gone_at is null`,
      );
      assert.ok(children.length > 0);
      for (const child of children) assert.ok(text.includes(`${child.firstName} ${child.lastName.toLocaleUpperCase('fr-FR')}`), `${row.identifier}: names ${child.firstName}`);
      assert.match(text, /\* Mot de passe provisoire, à modifier lors de la première connexion/);
      assert.match(text, /Activez votre compte responsable en 2 étapes :/);
      const password = /Mot de passe \* : (\S+)\n/.exec(text)?.[1] ?? '';
      assert.match(password, PROVISIONAL, `${row.identifier}: an 8-character provisional password`);
      assert.ok(html(mails[0]!).includes(row.identifier) && html(mails[0]!).includes(password), `${row.identifier}: the HTML part carries the identifier and the password`);
      assert.equal(readProvisionalPassword(g.deps, row), password, `${row.identifier}: the password of the e-mail is the account's`);
      const check = await credentialsOf(row.identifier, password);
      assert.ok(check.outcome === 'valid' && check.provisional, `${row.identifier}: the e-mailed password opens the account`);
    }
  });

  test('§3.1 …then the Non notifié accounts without an address, notified by sheets: one PDF page per account', async () => {
    const expected = await ecoleAccounts('non_notifie', false);
    assert.ok(expected.length > 0);
    await tab('Responsables');
    await search({ etats: ['Non notifié'], messagerie: ['Sans adresse mail'] });
    const ids = await selectAllRows();
    assert.deepEqual([...ids].sort(), expected);
    await navigate(page, page.getByRole('button', { name: 'Par feuilles individuelles imprimables' }));
    await confirm('Êtes-vous sûr de vouloir notifier le(s) compte(s) (par feuille individuelle) ?');
    assert.match(await mainText(), /La distribution a été effectuée avec succès pour le\(s\) compte\(s\) sélectionné\(s\)\./);
    await accessible('distribution by sheets');
    const pdf = await downloaded(page.getByRole('link', { name: 'Télécharger le courrier au format PDF' }));
    assert.equal(pdf.body.subarray(0, 5).toString(), '%PDF-');
    assert.match(pdf.name, /^Educonnect-Courriers-\d{14}\.pdf$/);
    const pages = await pdfPages(pdf.body);
    assert.equal(pages.length, ids.length, 'one page per notified account');
    for (const id of ids) {
      const row = await account(id);
      assert.equal(row.state, 'notifie');
      const on = pages.filter((p) => p.includes(row.identifier));
      assert.equal(on.length, 1, `${row.identifier} on exactly one page`);
      assert.ok(on[0]!.includes(readProvisionalPassword(g.deps, row)!), `${row.identifier}: its provisional password on its page`);
    }
    // No Non notifié account is left in the école.
    await navigate(page, page.getByRole('link', { name: 'Retour à la liste' }));
    await accessible('back to the list after the sheets');
    await search({ etats: ['Non notifié'] });
    assert.equal(await noResult(), 1);
  });

  test("§3.1 Editer la liste des comptes d'une classe: CSV with the guide's header, one row per (student, guardian) of the class; and the PDF", async () => {
    const klass = 'CM2 A';
    await tab('Responsables');
    await search({ classes: [klass] });
    const range = (await page.locator('.pager .range').textContent()) ?? '';
    const total = Number(/sur (\d+) élève\(s\)$/.exec(range)?.[1]);
    assert.equal(range, `1 à ${total} sur ${total} élève(s)`, 'the whole class on one page');
    const rows = page.locator('.results-table tbody tr');
    const shown: string[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const cells = (await rows.nth(i).locator('td').allTextContents()).map((c) => c.trim());
      assert.equal(cells[2], klass);
      shown.push(`${cells[1]} | ${cells[3]} | ${cells[4]}`); // Elève | Responsable | Identifiant
    }
    assert.equal(shown.length, total);
    const ids = await selectAllRows();

    const csv = await downloaded(page.getByRole('button', { name: 'Imprimer la liste des responsables (format csv)' }));
    const pdf = await downloaded(page.getByRole('button', { name: 'Imprimer la liste des responsables (format pdf)' }));
    await accessible('the list page after both downloads'); // the downloads left the page as it was

    // The PDF variant: a PDF, named as the guide says, listing the selected accounts.
    assert.equal(pdf.body.subarray(0, 5).toString(), '%PDF-');
    assert.equal(pdf.name, 'Educonnect-ListeResponsables-20261123090000.pdf');
    const pdfText = (await pdfPages(pdf.body)).join('\n');
    assert.match(pdfText, /Liste des responsables :/);
    for (const id of ids) assert.ok(pdfText.includes((await account(id)).identifier), `PDF lists ${id}`);

    // The CSV: UTF-8 with a BOM, `;`, the guide's header, passwords as §5.4 rev. says.
    assert.equal(csv.name, 'Educonnect-ListeResponsables-20261123090000.csv');
    assert.deepEqual([...csv.body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const [header, ...records] = csv.body.subarray(3).toString('utf8').split('\r\n').filter((line) => line !== '');
    assert.equal(header, CSV_HEADER);
    const parsed = records.map((line) => line.split(';'));
    for (const r of parsed) {
      assert.equal(r.length, 10, r.join(';'));
      assert.equal(r[0], '0990101X');
      assert.equal(r[1], 'ECOLE PRIMAIRE PUBLIQUE JULES FERRY');
      const row = (await db().query.accounts.findFirst({ where: eq(accounts.identifier, r[8]!) }))!;
      const expectedPassword = row.state === 'non_notifie' ? '' : (readProvisionalPassword(g.deps, row) ?? '*****');
      assert.equal(r[9], expectedPassword, `${r[8]}: password column`);
    }
    const line = (r: string[]) => `${r[2]!.toLocaleUpperCase('fr-FR')} ${r[3]} | ${r[6]!.toLocaleUpperCase('fr-FR')} ${r[7]} | ${r[8]}`;
    assert.deepEqual(parsed.filter((r) => r[5] === klass).map(line).sort(), [...shown].sort(), 'one CSV row per (student, guardian) row of the class shown');
    const otherClasses = parsed.filter((r) => r[5] !== klass).map((r) => `${r[2]} ${r[3]} (${r[5]}) — ${r[8]}`);
    // The list prints the ticked rows only: not the selected guardians' children in other classes.
    assert.deepEqual(
      otherClasses,
      [],
      `the list of class ${klass} prints ${otherClasses.length} row(s) of other classes (siblings of the selected guardians) — SPEC §4 "PDF or CSV of the selected rows"`,
    );
  });

  test("§3.1 Suivre l'avancement: the statistics follow the notifications, then a real activation (C07 resent to a corrected address, its link opened)", async () => {
    await tab('Statistiques');
    afterNotification = await computeStatistics();
    classesAfterNotification = await readClasses();
    assert.equal(afterNotification.accounts, baseline.accounts);
    assert.equal(afterNotification.nonNotifie, 0, 'every account of the école is notified now');
    assert.equal(afterNotification.notifie, baseline.notifie + baseline.nonNotifie);
    assert.equal(afterNotification.enCours, baseline.enCours);
    assert.equal(afterNotification.active, baseline.active);

    // An account En cours d'activation: the person chose a password at first login (the service layer: the
    // guardians' login is not built yet) but lost the C07 — the school resends it to a corrected address (§5.6).
    await tab('Responsables');
    await search({ etats: ["En cours d'activation"] });
    await navigate(page, page.locator('.results-table tbody tr').first().getByRole('link', { name: /^Consulter/ }));
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Informations du compte');
    await accessible('account page, En cours d\'activation');
    const id = /\/admin\/responsables\/compte\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    const before = await account(id);
    assert.equal(before.state, 'en_cours');
    assert.equal(await page.locator('dl.account .identifier').textContent(), before.identifier);
    const chosen = await g.accounts.setOwnPassword({ accountId: id, password: CHOSEN_PASSWORD }, { kind: 'account', id });
    assert.deepEqual(chosen, { ok: true });
    const [guardian] = await queryRows<{ lastName: string }>(db(), sql`select last_name as "lastName" from guardians where account_id = ${id} order by id limit 1`);
    const corrected = `corrige.${before.identifier.replace(/[^a-z0-9.]/g, '')}@example.net`;
    activated = { id, identifier: before.identifier, email: corrected, lastName: guardian!.lastName };

    await navigate(page, page.getByRole('link', { name: "Renvoyer un courriel d'activation" }));
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), "Vérification de l'adresse mail");
    assert.equal(await page.getByLabel('Adresse mail :').inputValue(), before.email ?? '');
    await accessible('Vérification de l\'adresse mail');
    await page.getByLabel('Adresse mail :').fill(corrected);
    await navigate(page, page.getByRole('button', { name: 'Valider' }));
    assert.equal(page.url(), `${base}/admin/responsables/compte/${id}?renvoye=1`);
    assert.match(await mainText(), /Le mail a été renvoyé\./);
    assert.match(await mainText(), new RegExp(corrected.replaceAll('.', '\\.')));
    await accessible('account page, activation e-mail resent');

    const c07 = await peer.waitFor('the C07 at the corrected address', (received) => received.find((m) => template(m) === 'C07' && m.to.includes(corrected)));
    assert.equal(c07.mail.subject, SUBJECT_ACTIVATION);
    const text = c07.mail.text ?? '';
    assert.match(text, new RegExp(`avec l'identifiant ${before.identifier.replaceAll('.', '\\.')}`));
    const link = /(https?:\/\/\S+\/activation\/[A-Za-z0-9_-]+)/.exec(text)?.[1];
    assert.ok(link, 'the C07 carries its activation link');
    assert.ok(link.startsWith(`${g.settings.issuer}/activation/`), link);
    assert.ok(html(c07).includes(link), 'the HTML part carries the same link');

    // The parent opens the link (on this server: the issuer's origin is a placeholder here).
    await page.goto(`${base}${new URL(link).pathname}`);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Votre compte est activé');
    await accessible('activation link result');
    const after = await account(id);
    assert.equal(after.state, 'active');
    assert.equal(after.email, corrected);
    const check = await credentialsOf(before.identifier, CHOSEN_PASSWORD);
    assert.ok(check.outcome === 'valid' && !check.provisional && check.state === 'active', JSON.stringify(check));

    // Back to the console: the figures moved.
    await page.goto(`${base}/admin/statistiques`);
    await accessible('statistics, before recomputing');
    const now = await computeStatistics();
    assert.equal(now.active, afterNotification.active + 1, 'one more activated account');
    assert.equal(now.enCours, afterNotification.enCours - 1, "one fewer En cours d'activation");
    assert.equal(now.accounts, afterNotification.accounts);
    assert.notEqual(now.activatedShare, afterNotification.activatedShare, '% of activated accounts moved');
    assert.ok(parseFloat(now.studentsShare) >= parseFloat(afterNotification.studentsShare), '% of students with an activated guardian did not fall');
    const classes = await readClasses();
    const childClasses = await queryRows<{ label: string }>(
      db(),
      sql`select distinct c.label from guardians g join guardian_students gs on gs.guardian_id = g.id and gs.legal_responsibility
            join students s on s.id = gs.student_id and s.gone_at is null join classes c on c.id = s.class_id
          where g.account_id = ${id} and g.gone_at is null and s.establishment_id = ${ecoleId}`,
    );
    assert.ok(childClasses.length > 0);
    for (const { label } of childClasses) {
      const [was, is] = [classesAfterNotification.get(label), classes.get(label)] as [number[], number[]];
      assert.equal(is[4], was[4]! + 1, `class ${label}: one more activated`);
      assert.equal(is[3], was[3]! - 1, `class ${label}: one fewer en cours`);
    }
  });

  // ——— §3.2 ———

  test('§3.2 Perte de son mot de passe (déjà changé): reset from the account page, then re-notify — C06 by e-mail, C05 on a sheet', async () => {
    assert.ok(activated, 'the activation of the previous step happened');
    const { id, identifier, email } = activated;
    await tab('Responsables');
    await search({ texte: activated.lastName });
    const row = page.locator('.results-table tbody tr').filter({ has: page.locator('td.identifier', { hasText: new RegExp(`^${identifier.replaceAll('.', '\\.')}$`) }) }).first();
    await navigate(page, row.getByRole('link', { name: /^Consulter/ }));
    assert.equal(page.url(), `${base}/admin/responsables/compte/${id}`);
    const details = async () => Object.fromEntries(
      await page.locator('dl.account dt').evaluateAll((dts) => dts.map((dt) => [dt.textContent?.trim() ?? '', dt.nextElementSibling?.textContent?.trim() ?? ''])),
    ) as Record<string, string>;
    assert.equal((await details())['État du compte'], 'Activé');
    assert.equal((await details())['Mot de passe *'], '*****');
    await accessible('account page, Activé');

    await navigate(page, page.getByRole('button', { name: 'Réinitialiser le mot de passe' }));
    await confirm('Êtes-vous sûr de vouloir réinitialiser le mot de passe du compte ?');
    assert.equal(page.url(), `${base}/admin/responsables/compte/${id}?reinitialise=1`);
    assert.match(await mainText(), /Le mot de passe a bien été réinitialisé\./);
    const provisional = (await page.locator('dl.account code.password').textContent()) ?? '';
    assert.match(provisional, PROVISIONAL, 'the new provisional password is shown at once');
    assert.equal((await details())['État du compte'], 'Activé', 'a reset does not change the state');
    await accessible('account page, password reset');
    assert.deepEqual(await credentialsOf(identifier, CHOSEN_PASSWORD), { outcome: 'invalid' }, 'the old password is refused');
    const withNew = await credentialsOf(identifier, provisional);
    assert.ok(withNew.outcome === 'valid' && withNew.provisional && withNew.state === 'active', JSON.stringify(withNew));

    // Re-notify by e-mail: an Activé account holding a provisional password gets C06 (SPEC §4 rev.).
    await navigate(page, page.getByRole('button', { name: 'Par envoi de courriers électroniques' }));
    await confirm('Êtes-vous sûr de vouloir notifier le compte (par email) ?');
    assert.match(page.url(), new RegExp(`/admin/responsables/compte/${id}\\?distribution=[0-9a-f-]{36}$`));
    assert.match(await mainText(), /La distribution a été effectuée avec succès\./);
    await accessible('account page, notified by e-mail');
    const c06 = await peer.waitFor('the C06', (received) => received.find((m) => template(m) === 'C06' && m.to.includes(email)));
    assert.equal(c06.mail.subject, SUBJECT_PASSWORD);
    const text = c06.mail.text ?? '';
    assert.ok(text.includes(`Identifiant : ${identifier}\n`), 'C06: the identifier');
    assert.ok(text.includes(`Mot de passe * : ${provisional}\n`), 'C06: the new provisional password');
    assert.match(text, /\* Mot de passe provisoire, à modifier lors de la prochaine connexion/);
    assert.doesNotMatch(text, /Votre mot de passe est inchangé/);
    assert.ok(html(c06).includes(provisional) && html(c06).includes(identifier), 'C06: the HTML part too');

    // …or on a sheet: C05.
    await navigate(page, page.getByRole('button', { name: 'Par feuille individuelle imprimable' }));
    await confirm('Êtes-vous sûr de vouloir notifier le compte (par feuille individuelle) ?');
    assert.match(await mainText(), /La distribution a été effectuée avec succès\./);
    await accessible('account page, notified by sheet');
    const sheet = await downloaded(page.getByRole('link', { name: 'Télécharger le courrier au format PDF' }));
    const [letter, ...more] = await pdfPages(sheet.body);
    assert.equal(more.length, 0, 'one page');
    assert.ok(letter!.includes(identifier) && letter!.includes(provisional), 'C05: identifier and new provisional password');
    assert.match(letter!, /prochaine connexion/);
    assert.doesNotMatch(letter!, /Votre mot de passe est inchangé/);
    // Neither notification reset the password again.
    const still = await credentialsOf(identifier, provisional);
    assert.equal(still.outcome, 'valid');
    await outboxDrained();
    assert.equal(peer.received.filter((m) => m.to.includes(email)).length, 2, 'C07 then C06 at the corrected address, nothing else');
  });

  test('axe-core checked every page the browser loaded', (t) => {
    const unchecked = [...loaded].filter((url) => !axeChecked.has(url));
    assert.deepEqual(unchecked, []);
    assert.ok(axeChecked.size >= 20, `${axeChecked.size} pages checked`);
    t.diagnostic(`axe-core: ${axeChecked.size} distinct pages checked`);
  });

  test('without JavaScript: a class re-notified by sheets ("Tout sélectionner"), the PDF has one page per account', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    try {
      const on = await noScript.newPage();
      await signInToEcole(on, false);
      await tab('Responsables', on, false);
      await search({ etats: ['Notifié et non activé'], classes: ['CM1 A'] }, on, false);
      const rows = await on.locator('.results-table tbody tr').count();
      assert.ok(rows > 0);
      assert.ok(await on.locator('#tout-sans-js').isVisible());
      await navigate(on, on.getByRole('button', { name: 'Tout sélectionner' }));
      const ids = [...new Set(await on.locator('input[name="accountIds"]:checked').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value.split(":")[0]!)))];
      assert.equal(await on.locator('input[name="accountIds"]:checked').count(), rows);
      await navigate(on, on.getByRole('button', { name: 'Par feuilles individuelles imprimables' }));
      await confirm('Êtes-vous sûr de vouloir notifier le(s) compte(s) (par feuille individuelle) ?', on, false);
      assert.match(await mainText(on), /La distribution a été effectuée avec succès pour le\(s\) compte\(s\) sélectionné\(s\)\./);
      const pdf = await downloaded(on.getByRole('link', { name: 'Télécharger le courrier au format PDF' }), on);
      const pages = await pdfPages(pdf.body);
      assert.equal(pages.length, ids.length, 'one page per account');
      for (const id of ids) {
        const row = await account(id);
        assert.equal(row.state, 'notifie', 'a re-notification keeps the state');
        const on1 = pages.filter((p) => p.includes(row.identifier));
        assert.equal(on1.length, 1, `${row.identifier} on one page`);
        assert.ok(on1[0]!.includes(readProvisionalPassword(g.deps, row)!), `${row.identifier}: C01 with its provisional password`);
      }
    } finally {
      await noScript.close();
    }
  });
});
