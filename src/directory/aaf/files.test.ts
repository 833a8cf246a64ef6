import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAafFileName, orderAafFiles, parseAafFileName } from './files.ts';

test('AAF file names: prefix, mode, date, type, chunk', () => {
  assert.deepEqual(parseAafFileName('ENT2DVA-ENT16_Complet_20240916_EtabEducNat_0000.xml'), {
    name: 'ENT2DVA-ENT16_Complet_20240916_EtabEducNat_0000.xml',
    prefix: 'ENT2DVA-ENT16',
    mode: 'full',
    date: '2024-09-16',
    type: 'EtabEducNat',
    chunk: 0,
  });
  assert.deepEqual(parseAafFileName('ENT_Delta_20260302_PersRelEleve_0012.xml'), {
    name: 'ENT_Delta_20260302_PersRelEleve_0012.xml',
    prefix: 'ENT',
    mode: 'delta',
    date: '2026-03-02',
    type: 'PersRelEleve',
    chunk: 12,
  });
  // The prefix may hold `_` and `-`: it ends at the first _Complet_ / _Delta_.
  assert.equal(parseAafFileName('ENT_1D-ACA_13_Complet_20260901_Eleve_0001.xml')?.prefix, 'ENT_1D-ACA_13');
  // A path keeps its name as given; the file name is what is parsed.
  const fromPath = parseAafFileName('/var/aaf/in/ENT_Complet_20260901_MefEducNat_0000.XML');
  assert.equal(fromPath?.name, '/var/aaf/in/ENT_Complet_20260901_MefEducNat_0000.XML');
  assert.equal(fromPath?.type, 'MefEducNat');
  assert.equal(parseAafFileName('ENT_Complet_20260901_ProfilAutre_0003.xml')?.type, 'ProfilAutre');
});

test('names that are not AAF file names', () => {
  for (const name of [
    'ENT_Complet_20260231_Eleve_0000.xml', // 31 February
    'ENT_Complet_20261301_Eleve_0000.xml',
    'ENT_Partiel_20260901_Eleve_0000.xml',
    'ENT_Complet_20260901_Eleve.xml',
    'ENT_Complet_20260901_Eleve_0000.xml.gz',
    'ENT_Complet_2026091_Eleve_0000.xml',
    '_Complet_20260901_Eleve_0000.xml',
    'ficAlimMENESR.dtd',
    'README.txt',
    '',
  ]) {
    assert.equal(parseAafFileName(name), null, name);
    assert.equal(isAafFileName(name), false, name);
  }
  assert.equal(isAafFileName('ENT_Complet_20240229_Eleve_0000.xml'), true);
});

test('import order: date, fulls before deltas, structures then guardians then students then staff, unknown types last, chunks', () => {
  const { ordered, unrecognised } = orderAafFiles([
    'ENT_Delta_20260902_Eleve_0000.xml',
    'notes.txt',
    'ENT_Complet_20260901_PersEducNat_0000.xml',
    'ENT_Complet_20260901_Eleve_0001.xml',
    'ENT_Complet_20260901_Eleve_0000.xml',
    'ENT_Complet_20260901_Zeta_0000.xml',
    'ENT_Complet_20260901_Autre_0000.xml',
    'ENT_Delta_20260901_EtabEducNat_0000.xml',
    'ENT_Complet_20260901_PersRelEleve_0000.xml',
    'ENT_Complet_20260901_MatEducNat_0000.xml',
    'ENT_Complet_20260901_MefEducNat_0000.xml',
    'ENT_Complet_20260901_EtabEducNat_0000.xml',
    'ENT_Complet_20250901_PersEducNat_0000.xml',
    'ENT_Complet_20260931_Eleve_0000.xml',
  ]);
  assert.deepEqual(
    ordered.map((f) => f.name),
    [
      'ENT_Complet_20250901_PersEducNat_0000.xml',
      'ENT_Complet_20260901_EtabEducNat_0000.xml',
      'ENT_Complet_20260901_MefEducNat_0000.xml',
      'ENT_Complet_20260901_MatEducNat_0000.xml',
      'ENT_Complet_20260901_PersRelEleve_0000.xml',
      'ENT_Complet_20260901_Eleve_0000.xml',
      'ENT_Complet_20260901_Eleve_0001.xml',
      'ENT_Complet_20260901_PersEducNat_0000.xml',
      'ENT_Complet_20260901_Autre_0000.xml',
      'ENT_Complet_20260901_Zeta_0000.xml',
      'ENT_Delta_20260901_EtabEducNat_0000.xml',
      'ENT_Delta_20260902_Eleve_0000.xml',
    ],
  );
  assert.deepEqual(unrecognised, ['notes.txt', 'ENT_Complet_20260931_Eleve_0000.xml']);
});

test('chunk numbers sort as numbers; the order does not depend on the listing order', () => {
  const names = ['ENT_Complet_20260901_Eleve_0010.xml', 'ENT_Complet_20260901_Eleve_0002.xml', 'ENT_Complet_20260901_Eleve_0001.xml'];
  const expected = ['ENT_Complet_20260901_Eleve_0001.xml', 'ENT_Complet_20260901_Eleve_0002.xml', 'ENT_Complet_20260901_Eleve_0010.xml'];
  assert.deepEqual(orderAafFiles(names).ordered.map((f) => f.name), expected);
  assert.deepEqual(orderAafFiles([...names].reverse()).ordered.map((f) => f.name), expected);
  assert.deepEqual(orderAafFiles([]), { ordered: [], unrecognised: [] });
});
