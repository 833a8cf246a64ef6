// SPEC §2: establishments outside the AAF from a CSV (docs/import-csv.md): the template imports, accounts follow,
// the file is a full export of its establishments, a bad row is rejected with its line.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { importDirectoryCsv } from '../../src/directory/import/run-csv.ts';
import { CsvFileError } from '../../src/directory/csv/reader.ts';
import { queryRows } from '../../src/db/rows.ts';
import { importTestbed, type ImportTestbed } from './import-fixture.ts';

describe('CSV directory import (SPEC §2, docs/import-csv.md)', () => {
  let t: ImportTestbed;
  let folder: string;
  let template: string;
  before(async () => {
    t = await importTestbed();
    folder = await mkdtemp(join(tmpdir(), 'guichet-csv-'));
    template = await readFile('docs/import-csv-modele.csv', 'utf8');
  });
  after(async () => t?.close());
  const write = async (name: string, text: string) => {
    const path = join(folder, name);
    await writeFile(path, text);
    return path;
  };

  test('the template file imports: the MFR, its students and guardians, accounts for the legal ones', async () => {
    const summary = await importDirectoryCsv(t.deps, 'docs/import-csv-modele.csv');
    assert.equal(summary.rejectedTotal, 0);
    assert.deepEqual([summary.counts.structure.created, summary.counts.student.created, summary.counts.guardian.created], [1, 2, 4]);
    // Three legal guardians (the grandfather is not legal); two 2D students.
    assert.deepEqual(summary.accounts, { guardians: 3, students: 2, reattached: 0 });
    const mfr = await queryRows<{ kind: string; sector: string; source_key: string }>(t.deps.db, sql`select kind, sector, source_key from establishments where uai = '0312345F'`);
    assert.deepEqual(mfr, [{ kind: 'mfr', sector: 'private', source_key: 'csv:0312345F' }]);
  });

  test('the same file again changes nothing; a student no longer listed is marked gone', async () => {
    const again = await importDirectoryCsv(t.deps, 'docs/import-csv-modele.csv');
    assert.deepEqual([again.counts.student.created, again.counts.student.updated, again.counts.student.gone, again.accounts.guardians], [0, 0, 0, 0]);
    const withoutHugo = template.split('\n').filter((line) => !line.includes('E2025-087')).join('\n');
    const summary = await importDirectoryCsv(t.deps, await write('sans-hugo.csv', withoutHugo));
    assert.equal(summary.counts.student.gone, 1);
    assert.equal(summary.counts.guardian.gone, 2);
    const gone = await queryRows<{ gone: boolean }>(t.deps.db, sql`select gone_at is not null as gone from students where source_key = 'csv:0312345F:E2025-087'`);
    assert.deepEqual(gone, [{ gone: true }]);
  });

  test('a bad row is rejected with its line; the other rows are imported', async () => {
    const lines = template.split('\n');
    lines.splice(2, 0, lines[1]!.replace('E2026-014', 'E2026-099').replace('14/03/2012', '31/02/2012'));
    const summary = await importDirectoryCsv(t.deps, await write('une-erreur.csv', lines.join('\n')));
    assert.equal(summary.rejectedTotal, 1);
    assert.equal(summary.rejections[0]!.at.line, 3);
    assert.match(summary.rejections[0]!.reason, /eleve_date_naissance/);
    // Hugo is listed again (revived: an update), the bad row's student is not created.
    assert.deepEqual([summary.counts.student.created, summary.counts.student.updated], [0, 1]);
  });

  test('a file without the required columns is refused before anything is written', async () => {
    await assert.rejects(importDirectoryCsv(t.deps, await write('colonnes.csv', 'uai;nom\n0312345F;X\n')), CsvFileError);
  });
});
