import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { DirectoryChange, GuardianFields, StructureFields, StudentFields } from '../changes.ts';
import { CSV_COLUMNS, EXPECTED_HEADER, REQUIREMENT_LABELS, levelCode, type CsvColumnName } from './columns.ts';
import { CsvFileError, readDirectoryCsv, type CsvReading } from './reader.ts';

const DOCS = new URL('../../../docs/', import.meta.url);
const HEADERS = EXPECTED_HEADER.split(';') as CsvColumnName[];
const BASE: Record<CsvColumnName, string> = {
  uai: '0312345F', etablissement_nom: 'MFR DES COTEAUX', etablissement_ville: 'Saint-Gaudens', etablissement_type: 'mfr',
  etablissement_secteur: 'prive', etablissement_degre: '2D', classe: '4e EA', niveau: '4e', eleve_id: 'E1', eleve_ine: '0912345678K',
  eleve_nom: 'MARTIN', eleve_prenom: 'Léa', eleve_date_naissance: '14/03/2012', eleve_admission_definitive: 'oui', responsable_id: 'R1',
  responsable_nom: 'MARTIN', responsable_prenom: 'Claire', responsable_courriel: 'claire.martin@example.fr', responsable_mobile: '0612345678',
  responsable_adresse: '3 rue des Écoles', responsable_lien: 'MERE', responsable_legal: 'oui',
};
const NO_GUARDIAN = Object.fromEntries(HEADERS.filter((h) => h.startsWith('responsable_')).map((h) => [h, '']));

/** One data line: BASE with these values, quoted where CSV needs it. */
function row(values: Partial<Record<CsvColumnName, string>> = {}, separator = ';'): string {
  const cells = HEADERS.map((h) => values[h] ?? BASE[h]);
  return cells.map((c) => (c.includes(separator) || c.includes('"') || c.includes('\n') ? `"${c.replaceAll('"', '""')}"` : c)).join(separator);
}
const csv = (...lines: string[]) => [EXPECTED_HEADER, ...lines].join('\n') + '\n';

let dir = '';
let counter = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'guichet-csv-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});
async function read(content: string | Uint8Array, options?: Parameters<typeof readDirectoryCsv>[1]): Promise<CsvReading> {
  counter += 1;
  const path = join(dir, `eleves-${String(counter)}.csv`);
  await writeFile(path, content);
  return readDirectoryCsv(path, options);
}
const ofKind = <F>(reading: CsvReading, kind: DirectoryChange['kind']) =>
  reading.changes.filter((c) => c.kind === kind).map((c) => ({ key: c.key, line: c.at.line, fields: (c as unknown as { fields: F }).fields }));
const reasons = (reading: CsvReading) => reading.rejections.map((r) => [r.at.line, r.reason]);

describe('docs', () => {
  it('the template reads without rejection: one MFR, two students, four guardians', async () => {
    const bytes = await readFile(new URL('import-csv-modele.csv', DOCS));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the template starts with a BOM, like Excel\'s « CSV UTF-8 »');
    const reading = await readDirectoryCsv(fileURLToPath(new URL('import-csv-modele.csv', DOCS)));
    assert.deepEqual(reading.rejections, []);
    assert.deepEqual([reading.rows, reading.separator, reading.encoding, reading.ignoredColumns], [4, ';', 'utf-8', []]);
    assert.deepEqual(reading.establishments, ['0312345F']);
    const [structure] = ofKind<StructureFields>(reading, 'structure');
    assert.deepEqual(structure, {
      key: 'csv:0312345F', line: 2,
      fields: { uai: '0312345F', name: 'MFR DES COTEAUX', city: 'Saint-Gaudens', kind: 'mfr', degree: '2D', sector: 'private', academyCode: null, classes: ['4e EA', '3e EA'] },
    });
    assert.equal(ofKind(reading, 'guardian').length, 4);
    const students = ofKind<StudentFields>(reading, 'student');
    assert.deepEqual(students.map((s) => [s.key, s.fields.guardians.map((g) => [g.guardianKey, g.relation, g.legal])]), [
      ['csv:0312345F:E2026-014', [['csv:0312345F:R2026-031', 'MERE', true], ['csv:0312345F:R2026-032', 'PERE', true]]],
      ['csv:0312345F:E2025-087', [['csv:0312345F:R2025-120', 'MERE', true], ['csv:0312345F:R2025-121', 'GRAND-PERE', false]]],
    ]);
    const sophie = ofKind<GuardianFields>(reading, 'guardian').find((g) => g.key === 'csv:0312345F:R2025-120');
    assert.equal(sophie?.fields.address, 'Lieu-dit Le Bois ; 31160 Aspet', 'a quoted « ; » stays in the value');
  });

  it('the documentation table lists exactly the columns of columns.ts', async () => {
    const markdown = await readFile(new URL('import-csv.md', DOCS), 'utf8');
    const rows = markdown.split('\n').filter((line) => line.startsWith('| `'));
    const expected = CSV_COLUMNS.map((c) => `| \`${c.header}\` | ${REQUIREMENT_LABELS[c.requirement]} | ${c.format} | \`${c.example}\` | ${c.description} |`);
    assert.deepEqual(rows, expected, 'docs/import-csv.md: the table must say what src/directory/csv/columns.ts says');
    const template = (await readFile(new URL('import-csv-modele.csv', DOCS), 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    assert.equal(template, EXPECTED_HEADER);
  });
});

describe('readDirectoryCsv', () => {
  it('builds one structure, guardian and student per key, siblings sharing their guardian', async () => {
    const reading = await read(csv(
      row(),
      row({ eleve_id: 'E2', eleve_ine: '', eleve_prenom: 'Tom', classe: '', niveau: 'sixième', responsable_courriel: '  Claire.MARTIN@Example.FR ' }),
      row({ uai: '0311478N', etablissement_nom: 'IME LES PINS', etablissement_type: 'medico_educatif', etablissement_secteur: 'public', eleve_id: 'E1', ...NO_GUARDIAN }),
      row({ uai: '0311478N', etablissement_nom: 'IME LES PINS', etablissement_type: 'medico_educatif', etablissement_secteur: 'public', eleve_id: 'E9', eleve_prenom: 'Ana' }),
    ));
    assert.deepEqual(reading.rejections, []);
    assert.deepEqual(reading.establishments, ['0312345F', '0311478N']);
    assert.deepEqual(reading.changes.map((c) => [c.kind, c.key, c.operation]), [
      ['structure', 'csv:0312345F', 'add'], ['structure', 'csv:0311478N', 'add'],
      ['guardian', 'csv:0312345F:R1', 'add'], ['guardian', 'csv:0311478N:R1', 'add'],
      ['student', 'csv:0312345F:E1', 'add'], ['student', 'csv:0312345F:E2', 'add'], ['student', 'csv:0311478N:E1', 'add'], ['student', 'csv:0311478N:E9', 'add'],
    ]);
    const [lea, tom, alone] = ofKind<StudentFields>(reading, 'student');
    assert.deepEqual(lea?.fields, {
      ine: '0912345678K', lastName: 'MARTIN', firstName: 'Léa', birthDate: '2012-03-14', structureKey: 'csv:0312345F', classLabel: '4e EA',
      level: { code: '4E', label: '4e', degree: '2D' }, definitivelyAdmitted: true, guardians: [{ guardianKey: 'csv:0312345F:R1', relation: 'MERE', legal: true }],
    });
    assert.deepEqual([tom?.fields.ine, tom?.fields.classLabel, tom?.fields.level?.code], [null, null, '6E']);
    assert.deepEqual(alone?.fields.guardians, []);
    assert.equal(ofKind<GuardianFields>(reading, 'guardian')[0]?.fields.email, 'claire.martin@example.fr');
  });

  it('normalises level codes: upper case, no accents, usual spellings', () => {
    assert.deepEqual(['cm1', 'Sixième', '6ème', ' ms ', '4e  EA', 'Terminale', 'seconde'].map(levelCode), ['CM1', '6E', '6E', 'MS', '4E EA', 'TLE', '2NDE']);
  });

  it('accepts a BOM, the « , » separator, CRLF and quoted values', async () => {
    const text = '\uFEFF' + [HEADERS.join(','), row({ responsable_adresse: '1 rue A, "Les Pins"' }, ',')].join('\r\n');
    const reading = await read(text);
    assert.deepEqual([reading.separator, reading.rejections], [',', []]);
    assert.equal(ofKind<GuardianFields>(reading, 'guardian')[0]?.fields.address, '1 rue A, "Les Pins"');
  });

  it('reads Windows-1252 when the bytes are not UTF-8', async () => {
    const reading = await read(Buffer.from(csv(row({ eleve_prenom: 'Léa', eleve_nom: 'GRÉGOIRE' })), 'latin1'));
    assert.equal(reading.encoding, 'windows-1252');
    assert.deepEqual(ofKind<StudentFields>(reading, 'student').map((s) => [s.fields.lastName, s.fields.firstName]), [['GRÉGOIRE', 'Léa']]);
  });

  it('rejects the rows with unreadable characters when a BOM declares UTF-8', async () => {
    const good = Buffer.from('\uFEFF' + csv(row()), 'utf8');
    const bad = Buffer.from(row({ eleve_id: 'E2', eleve_prenom: 'Zoé', responsable_adresse: '' }) + '\n', 'latin1');
    const reading = await read(Buffer.concat([good, bad]));
    assert.equal(reading.encoding, 'utf-8');
    assert.deepEqual(reasons(reading), [[3, 'eleve_prenom : caractères illisibles dans « Zo\uFFFD » (enregistrez le fichier en CSV UTF-8)']]);
  });

  it('gives physical line numbers, ignoring empty lines and lines of separators only', async () => {
    const reading = await read([EXPECTED_HEADER, '', row({ responsable_adresse: 'Bât. A\nrue B' }), ';;;;;;', '   ', row({ eleve_id: 'E2', eleve_date_naissance: '31/02/2012' })].join('\r\n'));
    assert.equal(reading.rows, 2);
    assert.equal(ofKind(reading, 'student')[0]?.line, 3);
    // Header 1, empty 2, the address spans 3–4, separators 5, blanks 6.
    assert.deepEqual(reasons(reading), [[7, 'eleve_date_naissance : date invalide « 31/02/2012 » (attendu JJ/MM/AAAA)']]);
  });

  it('rejects each faulty row with every problem named by its column, and goes on', async () => {
    const reading = await read(csv(
      row({ uai: '123' }),
      row({ eleve_id: 'E2', eleve_nom: '', eleve_date_naissance: '2012-03-14' }),
      row({ eleve_id: 'E3', etablissement_type: 'lycée pro' }),
      row({ eleve_id: 'E4', responsable_courriel: 'claire@', responsable_legal: '' }),
      row({ eleve_id: 'E5', eleve_ine: '12AB', eleve_admission_definitive: 'peut-être' }),
      row({ uai: '0311478N', etablissement_type: 'ecole', etablissement_degre: '2D', eleve_id: 'E6' }),
      row({ eleve_id: 'E7', responsable_id: '' }),
      row({ eleve_id: 'E8' }),
    ));
    assert.deepEqual(reasons(reading), [
      [2, 'uai : « 123 » n\'est pas un UAI (7 chiffres et une lettre)'],
      [3, 'eleve_nom : obligatoire ; eleve_date_naissance : date invalide « 2012-03-14 » (attendu JJ/MM/AAAA)'],
      [4, 'etablissement_type : « lycée pro » inconnu (valeurs : ecole, college, lycee, mfr, medico_educatif, cned, autre)'],
      [5, 'responsable_courriel : « claire@ » n\'est pas une adresse électronique ; responsable_legal : obligatoire'],
      [6, 'eleve_ine : « 12AB » n\'est pas un INE (11 chiffres et lettres) ; eleve_admission_definitive : « peut-être » n\'est ni « oui » ni « non »'],
      [7, 'etablissement_degre : « 2D » incohérent avec etablissement_type « ecole » (attendu 1D)'],
      [8, 'responsable_id : obligatoire'],
    ]);
    assert.deepEqual(reading.rejections.map((r) => r.key), [undefined, 'csv:0312345F:E2', 'csv:0312345F:E3', 'csv:0312345F:E4', 'csv:0312345F:E5', 'csv:0311478N:E6', 'csv:0312345F:E7']);
    assert.deepEqual(reading.rejections[0]?.at, { file: reading.file, line: 2 });
    assert.deepEqual(ofKind(reading, 'student').map((s) => s.key), ['csv:0312345F:E8']);
    assert.deepEqual(reading.establishments, ['0312345F'], 'an establishment no row describes validly is not covered');
  });

  it('rejects a later row that contradicts the establishment, the student, the guardian or the link', async () => {
    const reading = await read(csv(
      row(),
      row({ etablissement_nom: 'MFR DES COTEAUX (SITE 2)' }),
      row({ eleve_prenom: 'Lea', responsable_id: 'R2', responsable_prenom: 'Paul' }),
      row({ eleve_id: 'E2', responsable_mobile: '0700000000' }),
      row({ responsable_legal: 'non' }),
      row(),
      row({ responsable_id: 'R2', responsable_prenom: 'Paul', responsable_lien: 'PERE' }),
    ));
    assert.deepEqual(reasons(reading), [
      [3, 'etablissement_nom : « MFR DES COTEAUX (SITE 2) » diffère de « MFR DES COTEAUX » donné ligne 2 pour l\'UAI 0312345F'],
      [4, 'eleve_prenom : « Lea » diffère de « Léa » donné ligne 2 pour l\'élève E1'],
      [5, 'responsable_mobile : « 0700000000 » diffère de « 0612345678 » donné ligne 2 pour le responsable R1'],
      [6, 'responsable_legal : « non » diffère de « oui » donné ligne 2 pour ce responsable de cet élève'],
    ]);
    const [student] = ofKind<StudentFields>(reading, 'student');
    assert.deepEqual(student?.fields.guardians.map((g) => [g.guardianKey, g.relation]), [['csv:0312345F:R1', 'MERE'], ['csv:0312345F:R2', 'PERE']], 'an identical row changes nothing');
  });

  it('rejects a row with more fields than the header, reads a shorter one with empty cells', async () => {
    const reading = await read(csv(`${row()};en trop`, `${row({ eleve_id: 'E2' })};;`, row({ eleve_id: 'E3', responsable_legal: 'x' }).replace(/;x$/, '').replace(/;MERE$/, '')));
    assert.deepEqual(reasons(reading), [[2, 'la ligne compte 23 champs et l\'en-tête 22 (une valeur contenant « ; » doit être entre guillemets)'], [4, 'responsable_legal : obligatoire']]);
    assert.deepEqual(ofKind(reading, 'student').map((s) => s.key), ['csv:0312345F:E2']);
  });

  it('ignores unknown columns and lists them; matches headers whatever their case', async () => {
    const header = `${EXPECTED_HEADER.replace('uai', 'UAI')};Remarques;`;
    const reading = await read(`${header}\n${row()};à rappeler;\n`);
    assert.deepEqual([reading.ignoredColumns, reading.rejections], [['Remarques'], []]);
    const optional = HEADERS.filter((h) => !['classe', 'niveau', 'eleve_ine', 'responsable_lien'].includes(h));
    const slim = await read(`${optional.join(';')}\n${optional.map((h) => BASE[h]).join(';')}\n`);
    assert.deepEqual(slim.rejections, [], 'optional columns may be absent');
  });

  it('refuses the whole file when a required column is missing', async () => {
    const header = HEADERS.filter((h) => h !== 'eleve_nom' && h !== 'responsable_legal').join(';');
    await assert.rejects(read(`${header}\n`), (error: unknown) => {
      assert.ok(error instanceof CsvFileError);
      assert.match(error.message, /n'a pas les colonnes obligatoires eleve_nom, responsable_legal : rien n'a été importé/);
      assert.ok(error.message.endsWith(EXPECTED_HEADER));
      return true;
    });
  });

  it('refuses an empty file, an unclosed quote, UTF-16 and a missing file', async () => {
    await assert.rejects(read('\n\n'), { name: 'CsvFileError', message: /est vide/ });
    await assert.rejects(read(csv(row(), row({ eleve_id: 'E2' }).replace('MARTIN', '"MARTIN'), row({ eleve_id: 'E3' }))), {
      name: 'CsvFileError', message: /ligne 3, un guillemet ouvert qui n'est jamais fermé/,
    });
    await assert.rejects(read(Buffer.from('\uFEFF' + csv(row()), 'utf16le')), { name: 'CsvFileError', message: /UTF-16/ });
    await assert.rejects(readDirectoryCsv(join(dir, 'absent.csv')), { name: 'CsvFileError', message: /introuvable/ });
  });

  it('reports progress', async () => {
    const seen: number[] = [];
    await read(csv(...Array.from({ length: 1200 }, (_, i) => row({ eleve_id: `E${String(i)}` }))), { onProgress: (n) => seen.push(n) });
    assert.deepEqual(seen, [500, 1000, 1200]);
  });
});
