import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray } from 'drizzle-orm';
import pdfParse from 'pdf-parse/lib/pdf-parse.js';
import { accounts, auditEvents, establishments, guardians, guardianStudents, students } from '../../db/schema.ts';
import { SYSTEM } from '../../audit/record.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { testInstance, type TestInstance } from '../../../test/helpers/test-instance.ts';
import { signedInAdmin, type AdminAgent } from '../../../test/helpers/admin.ts';
import { FIXTURE_PASSWORD, makeSchoolFixture, type SchoolFixture } from '../statistics/test-fixture.ts';
import { LIST_CSV_HEADER } from './list-csv.ts';

const HEADER = "RNE;Ecole;Nom de l'élève;Prénom de l'élève;Niveau de l'élève;Classe de l'élève;Nom du responsable;Prénom du responsable;Identifiant;Mot de passe";

/** RFC 4180 with `;` and CRLF, enough to read our own file back. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') record.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') record.push(field), records.push(record), (record = []), (field = ''), i++;
    else field += c;
  }
  return records;
}

// pdf.js reads the buffer's whole ArrayBuffer: hand it an unshared copy, as a small Buffer may be a pooled slice.
async function pdfText(pdf: Buffer): Promise<{ pages: string[]; numpages: number }> {
  const pages: string[] = [];
  const result = await pdfParse(new Uint8Array(pdf) as unknown as Buffer, {
    pagerender: async (page: { getTextContent(): Promise<{ items: Array<{ str: string }> }> }) => {
      const text = (await page.getTextContent()).items.map((i) => i.str).join(' ').replace(/\s+/g, ' ');
      pages.push(text);
      return text;
    },
  });
  return { pages, numpages: result.numpages };
}

async function download(agent: AdminAgent, g: TestInstance, form: Record<string, string | string[]>) {
  // Binary-safe: the agent's body is a string, a PDF needs the raw bytes.
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const one of ([] as string[]).concat(v)) body.append(k, one);
  const r = await g.app.inject({
    method: 'POST',
    url: '/admin/responsables/liste',
    payload: body.toString(),
    headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { status: r.statusCode, headers: r.headers, raw: r.rawPayload, body: r.body };
}

describe('Lister les comptes (SPEC §4, guide §5.4)', () => {
  let g: TestInstance;
  let school: SchoolFixture;
  let admin: AdminAgent;
  let provisionalOfA: string;
  let foreignAccountId: string;
  before(async () => {
    g = await testInstance();
    await seedDemo(g.deps);
    school = await makeSchoolFixture(g, '0999002Y', 'liste.fixture');
    // A is notified (provisional password); C is notified and then chose a password; B and D are Non notifié.
    const outcome = await g.accounts.notify({ accountIds: [school.accounts.A.id, school.accounts.C.id], channel: 'sheet', reset: false }, SYSTEM);
    provisionalOfA = outcome.notified.find((n) => n.accountId === school.accounts.A.id)!.provisionalPassword!;
    assert.match(provisionalOfA, /^[A-Z0-9]{8}$/);
    await g.accounts.setOwnPassword({ accountId: school.accounts.C.id, password: 'Famille2027' }, SYSTEM);
    await g.database.db.update(accounts).set({ state: 'en_cours' }).where(eq(accounts.id, school.accounts.C.id));
    // A guardian account of the demo, with children elsewhere only.
    const [foreign] = await g.database.db
      .select({ id: accounts.id })
      .from(accounts)
      .innerJoin(guardians, eq(guardians.accountId, accounts.id))
      .innerJoin(guardianStudents, eq(guardianStudents.guardianId, guardians.id))
      .innerJoin(students, eq(students.id, guardianStudents.studentId))
      .innerJoin(establishments, eq(establishments.id, students.establishmentId))
      .where(and(eq(establishments.uai, '0990303S'), eq(accounts.state, 'notifie')))
      .limit(1);
    foreignAccountId = foreign!.id;
    admin = await signedInAdmin(g, school.login, FIXTURE_PASSWORD);
  });
  after(async () => {
    await g?.close();
  });

  const all = () => [school.accounts.A.id, school.accounts.B.id, school.accounts.C.id, school.accounts.D.id];

  test('CSV: BOM, exact header, `;` and CRLF, one row per (student, guardian) sorted by student, password rules', async () => {
    const csrf = await admin.csrf();
    const r = await download(admin, g, { format: 'csv', accountIds: all(), _csrf: csrf });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/csv; charset=utf-8');
    // 08:00 UTC on 23 November 2026 is 09:00 in Paris.
    assert.equal(r.headers['content-disposition'], 'attachment; filename="Educonnect-ListeResponsables-20261123090000.csv"');
    assert.deepEqual([...r.raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const text = r.raw.subarray(3).toString('utf8');
    assert.ok(text.startsWith(`${HEADER}\r\n`));
    assert.equal(LIST_CSV_HEADER.join(';'), HEADER);
    assert.doesNotMatch(text.replace(/\r\n/g, ''), /\n/, 'CRLF only');
    const records = parseCsv(text);
    const { A, B, C, D } = school.accounts;
    const ecole = ['0999002Y', 'ECOLE FIXTURE 0999002Y'];
    assert.deepEqual(records.slice(1), [
      [...ecole, 'Albert', 'Zoé', 'Cours élémentaire 2e année', 'CE1-CE2 Fixture', 'Le "Grand"; Dupré', 'Anne', C.identifier, '*****'],
      [...ecole, 'Bernard', 'Alice', 'Cours préparatoire', 'CP Fixture', 'Bernard', 'Paul', A.identifier, provisionalOfA],
      [...ecole, 'Bernard', 'Alice', 'Cours préparatoire', 'CP Fixture', 'Moreau', 'Claire', B.identifier, ''],
      [...ecole, 'Bernard', 'Hugo', 'Cours élémentaire 1re année', 'CE1-CE2 Fixture', 'Bernard', 'Paul', A.identifier, provisionalOfA],
      [...ecole, 'Étienne', 'Léa', 'Cours préparatoire', 'CP Fixture', 'Roux', 'Marc', D.identifier, ''],
    ]);
    assert.ok(text.includes(';"Le ""Grand""; Dupré";'), 'a name with a quote and a `;` is quoted as one field');
    assert.ok(text.endsWith(`;${D.identifier};\r\n`), 'Non notifié: an empty password cell');

    const [audit] = await g.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'accounts.listed'));
    assert.deepEqual(audit!.details, { format: 'csv', count: 4, rows: 5 });
    assert.equal(audit!.establishmentId, school.establishmentId);
    assert.doesNotMatch(JSON.stringify(audit), new RegExp(provisionalOfA));
  });

  test("forged ids — another establishment's account, garbage — are ignored", async () => {
    const csrf = await admin.csrf();
    const r = await download(admin, g, { format: 'csv', accountIds: [school.accounts.D.id, foreignAccountId, 'pas-un-id', "' or 1=1 --"], _csrf: csrf });
    assert.equal(r.status, 200);
    const records = parseCsv(r.raw.subarray(3).toString('utf8'));
    assert.equal(records.length, 2);
    assert.equal(records[1]![8], school.accounts.D.identifier);

    const only = await download(admin, g, { format: 'pdf', accountIds: [foreignAccountId], _csrf: csrf });
    assert.equal(only.status, 400);
    assert.match(only.body, /Aucun compte sélectionné : cochez au moins un responsable dans la liste\./);
  });

  test('an empty selection shows a page with a link back', async () => {
    const csrf = await admin.csrf();
    const r = await download(admin, g, { format: 'csv', _csrf: csrf });
    assert.equal(r.status, 400);
    assert.match(r.headers['content-type'] as string, /^text\/html/);
    assert.match(r.body, /Aucun compte sélectionné : cochez au moins un responsable dans la liste\./);
    assert.match(r.body, /<a href="\/admin\/responsables">/);
  });

  test('PDF: A4 landscape, the heading, the columns, passwords as in the CSV, the footnote', async () => {
    g.clock.advance(61_000);
    const csrf = await admin.csrf();
    const r = await download(admin, g, { format: 'pdf', accountIds: all(), _csrf: csrf });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/pdf');
    assert.equal(r.headers['content-disposition'], 'attachment; filename="Educonnect-ListeResponsables-20261123090101.pdf"');
    assert.equal(r.raw.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(r.raw.toString('latin1'), /\/MediaBox \[0 0 841\.89 595\.28\]/);
    assert.match(r.raw.toString('latin1'), /\/BaseFont \/Courier\b/, 'passwords in a monospace font');
    const { pages, numpages } = await pdfText(r.raw);
    assert.equal(numpages, 1);
    const flat = pages[0]!;
    for (const expected of [
      'Date de création : 23/11/2026',
      'Ecole : 0999002Y - ECOLE FIXTURE 0999002Y',
      'Liste des responsables :',
      'Nom élève',
      'Prénom élève',
      'Niveau',
      'Classe',
      'Identifiant',
      'Mot de passe *',
      provisionalOfA,
      '*****',
      "* Seuls les mots de passe provisoires sont affichés, le mot de passe choisi par le responsable lors de l'activation de son compte est masqué.",
      'Page 1 / 1',
    ]) {
      assert.ok(flat.includes(expected), `PDF text has « ${expected} »`);
    }
  });

  test('PDF of a whole establishment: the table header repeats on every page, pages are numbered', async () => {
    const directrice = await signedInAdmin(g, 'directrice.demo');
    const ids = await g.database.db
      .selectDistinct({ id: accounts.id })
      .from(accounts)
      .innerJoin(guardians, eq(guardians.accountId, accounts.id))
      .innerJoin(guardianStudents, eq(guardianStudents.guardianId, guardians.id))
      .innerJoin(students, eq(students.id, guardianStudents.studentId))
      .innerJoin(establishments, eq(establishments.id, students.establishmentId))
      .where(inArray(establishments.uai, ['0990303S']));
    const r = await download(directrice, g, { format: 'pdf', accountIds: ids.map((i) => i.id), _csrf: await directrice.csrf() });
    assert.equal(r.status, 200);
    const { pages, numpages } = await pdfText(r.raw);
    assert.ok(numpages >= 2, `several pages (${numpages})`);
    pages.forEach((page, i) => {
      assert.match(page, /Nom élève Prénom élève Niveau Classe Nom Prénom Identifiant Mot de passe \*/, `table header on page ${i + 1}`);
      assert.match(page, /\* Seuls les mots de passe provisoires sont affichés/, `footnote on page ${i + 1}`);
      assert.ok(page.includes(`Page ${i + 1} / ${numpages}`), `page number on page ${i + 1}`);
    });
    assert.equal(pages.join(' ').match(/Date de création/g)?.length, 1, 'the heading only once');
  });

  test('without its form token, or with an unknown format, nothing is listed', async () => {
    const missing = await download(admin, g, { format: 'csv', accountIds: all() });
    assert.equal(missing.status, 403);
    const unknown = await download(admin, g, { format: 'xlsx', accountIds: all(), _csrf: await admin.csrf() });
    assert.equal(unknown.status, 400);
  });
});
