import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DirectoryChange, FieldsByKind, RecordKind } from '../changes.ts';
import type { AafEntry, AafOperation } from './entry.ts';
import { AAF_IMPORTED_CATEGORIES, AAF_USED_ATTRIBUTES, mapAafEntry, type AafMapping } from './mapping.ts';
import { parseAafDate } from './mapping-people.ts';

type Op = 'replace' | 'add' | 'delete';

interface EntrySpec {
  operation?: AafOperation;
  category?: string | null;
  id?: string | null;
  attrs?: Record<string, string | string[]>;
  ops?: Record<string, Op>;
  file?: string;
  line?: number;
  encodingProblem?: boolean;
}

function entry(spec: EntrySpec): AafEntry {
  const operation = spec.operation ?? 'add';
  const attributes = new Map(Object.entries(spec.attrs ?? {}).map(([name, value]) => [name, Array.isArray(value) ? value : [value]]));
  const built: AafEntry = {
    operation,
    category: spec.category === undefined ? 'Eleve' : spec.category,
    id: spec.id === undefined ? '1' : spec.id,
    attributes,
    file: spec.file ?? 'ENT2DAIX_Complet_20260901_Eleve_0000.xml',
    line: spec.line ?? 12,
  };
  if (operation === 'modify') {
    built.modifications = new Map([...attributes.keys()].map((name) => [name, spec.ops?.[name] ?? 'replace'] as [string, Op]));
  }
  if (spec.encodingProblem) built.encodingProblem = true;
  return built;
}

function changeOf(mapping: AafMapping): DirectoryChange {
  assert.ok('change' in mapping, `expected a change, got ${JSON.stringify(mapping)}`);
  return mapping.change;
}

function addFields<K extends RecordKind>(mapping: AafMapping, kind: K): FieldsByKind[K] {
  const change = changeOf(mapping);
  assert.equal(change.kind, kind);
  assert.equal(change.operation, 'add');
  // The kind and operation were asserted just above; the union cannot be narrowed by a generic K.
  return (change as unknown as { fields: FieldsByKind[K] }).fields;
}

function modifyFields<K extends RecordKind>(mapping: AafMapping, kind: K): Partial<FieldsByKind[K]> {
  const change = changeOf(mapping);
  assert.equal(change.kind, kind);
  assert.equal(change.operation, 'modify');
  return (change as unknown as { fields: Partial<FieldsByKind[K]> }).fields;
}

function rejectionOf(mapping: AafMapping): string {
  assert.ok('rejection' in mapping, `expected a rejection, got ${JSON.stringify(mapping)}`);
  return mapping.rejection.reason;
}

// ——— Structures ———

/** The real 2D collège of the entcore "positions" sample (shared/fixtures/aaf/positions-before-2024). */
const COLLEGE: Record<string, string | string[]> = {
  ENTStructureJointure: '43',
  ENTStructureUAI: '0123456A',
  ENTEtablissementUAI: '0123456A',
  ENTStructureSIREN: '01234567891234',
  ENTStructureNomCourant: 'CLG$CLG INTEGRATION$PARIS',
  ENTStructureTypeStruct: 'COLLEGE',
  ENTStructureCodeTypeStruct: '340',
  ENTEtablissementContrat: 'PU',
  street: '10 avenue des Batignolles',
  postalCode: '75017',
  l: 'PARIS',
  ENTServAcAcademie: 'PARIS',
  ENTServAcCodeAcademie: '013',
};

const structure = (attrs: Record<string, string | string[]>, spec: EntrySpec = {}) =>
  mapAafEntry(entry({ category: 'EtabEducNat', id: '43', file: 'ENT2DAIX_Complet_20260901_EtabEducNat_0000.xml', ...spec, attrs }));

test('a 2D collège: UAI, name from its $ parts, city, kind, degree, sector, academy, key aaf:<jointure>', () => {
  const mapping = structure(COLLEGE);
  const change = changeOf(mapping);
  assert.equal(change.key, 'aaf:43');
  assert.deepEqual(change.at, { file: 'ENT2DAIX_Complet_20260901_EtabEducNat_0000.xml', line: 12 });
  assert.deepEqual(addFields(mapping, 'structure'), {
    uai: '0123456A',
    name: 'CLG-CLG INTEGRATION-PARIS',
    city: 'PARIS',
    kind: 'college',
    degree: '2D',
    sector: 'public',
    academyCode: '013',
    classes: [],
  });
  assert.deepEqual(mapping.ignoredAttributes.sort(), ['ENTServAcAcademie', 'ENTStructureSIREN', 'postalCode', 'street']);
});

test('a private collège (PR, CO…) is private; 2D classes keep the code students use (ENTEleveClasses struct$code)', () => {
  const fields = addFields(
    structure({ ...COLLEGE, ENTEtablissementContrat: 'PR', ENTStructureClasses: ['6A$6EME A', '3B', '', '6A$6EME A'] }),
    'structure',
  );
  assert.equal(fields.sector, 'private');
  assert.deepEqual(fields.classes, ['6A', '3B']);
  assert.equal(addFields(structure({ ...COLLEGE, ENTEtablissementContrat: 'CO' }), 'structure').sector, 'private');
  assert.equal(addFields(structure({ ...COLLEGE, ENTEtablissementContrat: '' }), 'structure').sector, 'public');
});

test('a 1D école (ONDE names): city from ENTStructureVille, sector from ENTEcoleSecteur, classes keep the label', () => {
  const fields = addFields(
    structure({
      ENTStructureJointure: '9001',
      ENTStructureUAI: '0134567u',
      ENTStructureNomCourant: 'E.P.PU-JEAN JAURES-MARSEILLE',
      ENTStructureTypeStruct: 'ECOLE PRIMAIRE',
      ENTEcoleSecteur: 'PU',
      ENTStructureVille: 'MARSEILLE',
      ENTStructureClasses: ['43770$CE1 A', '43771$CM2 - Mme PÉRIER'],
    }),
    'structure',
  );
  assert.deepEqual(fields, {
    uai: '0134567U',
    name: 'E.P.PU-JEAN JAURES-MARSEILLE',
    city: 'MARSEILLE',
    kind: 'ecole',
    degree: '1D',
    sector: 'public',
    academyCode: null,
    classes: ['CE1 A', 'CM2 - Mme PÉRIER'],
  });
});

test('kind falls back on the type code, then on the name; otherwise autre (2D)', () => {
  const kind = (attrs: Record<string, string>) => {
    const fields = addFields(structure({ ENTStructureUAI: '0131234W', ...attrs }), 'structure');
    return `${fields.kind}/${fields.degree}`;
  };
  assert.equal(kind({ ENTStructureNomCourant: 'X', ENTStructureTypeStruct: 'SANS OBJET', ENTStructureCodeTypeStruct: '340' }), 'college/2D');
  assert.equal(kind({ ENTStructureNomCourant: 'X', ENTStructureCodeTypeStruct: '306' }), 'lycee/2D');
  assert.equal(kind({ ENTStructureNomCourant: 'X', ENTStructureCodeTypeStruct: '151' }), 'ecole/1D');
  assert.equal(kind({ ENTStructureNomCourant: 'LYC$LYCEE PAUL CEZANNE$AIX', ENTStructureTypeStruct: '' }), 'lycee/2D');
  assert.equal(kind({ ENTStructureNomCourant: 'E.E.PR-SAINTE-FAMILLE DES MINIMES-ac-TOULOUSE' }), 'ecole/1D');
  assert.equal(kind({ ENTStructureNomCourant: 'Emile ZOLA', ENTStructureTypeStruct: 'LYCEE PROFESSIONNEL' }), 'lycee/2D');
  assert.equal(kind({ ENTStructureNomCourant: 'MFR DE VENCE', ENTStructureTypeStruct: 'MAISON FAMILIALE RURALE' }), 'mfr/2D');
  assert.equal(kind({ ENTStructureNomCourant: 'Z.REMP-DIGNE-AIX_MARS.', ENTStructureTypeStruct: 'SANS OBJET' }), 'autre/2D');
});

test('structure rejections: UAI absent or invalid, name absent; the key is kept', () => {
  const invalid = structure({ ...COLLEGE, ENTStructureUAI: '012345', ENTEtablissementUAI: '' });
  assert.equal(rejectionOf(invalid), 'UAI invalide : 012345');
  assert.ok('rejection' in invalid && invalid.rejection.key === 'aaf:43');
  assert.equal(rejectionOf(structure({ ...COLLEGE, ENTStructureUAI: '', ENTEtablissementUAI: '' })), 'UAI absent');
  // The older attribute stands in for the newer one.
  assert.equal(addFields(structure({ ...COLLEGE, ENTStructureUAI: '' }), 'structure').uai, '0123456A');
  assert.equal(rejectionOf(structure({ ...COLLEGE, ENTStructureNomCourant: '$$' })), "nom de l'établissement absent");
  assert.equal(
    rejectionOf(structure({ ...COLLEGE, ENTStructureJointure: '' }, { id: null })),
    'entrée sans clé de jointure (ENTStructureJointure)',
  );
});

test('structure modify: only the named fields; the kind moves only with the type', () => {
  const modify = (attrs: Record<string, string | string[]>) => structure(attrs, { operation: 'modify' });
  assert.deepEqual(modifyFields(modify({ ENTStructureNomCourant: 'CLG$CLG VAUBAN$AIX' }), 'structure'), { name: 'CLG-CLG VAUBAN-AIX' });
  assert.deepEqual(modifyFields(modify({ ENTStructureTypeStruct: 'LYCEE POLYVALENT' }), 'structure'), { kind: 'lycee', degree: '2D' });
  assert.deepEqual(modifyFields(modify({ ENTStructureClasses: ['6C$6EME C'], l: '' }), 'structure'), { classes: ['6C'], city: null });
  assert.equal(rejectionOf(modify({ ENTStructureUAI: '' })), 'UAI absent');
  assert.equal(
    rejectionOf(structure({ ENTStructureClasses: '6D' }, { operation: 'modify', ops: { ENTStructureClasses: 'add' } })),
    'modification « add » de ENTStructureClasses non prise en charge : le format AAF ne prévoit que « replace »',
  );
});

test('delete: the record named by identifier/id is marked gone', () => {
  assert.deepEqual(mapAafEntry(entry({ operation: 'delete', category: 'EtabEducNat', id: '43' })), {
    change: { kind: 'structure', key: 'aaf:43', at: { file: 'ENT2DAIX_Complet_20260901_Eleve_0000.xml', line: 12 }, operation: 'delete' },
    ignoredAttributes: [],
  });
  for (const [category, kind] of Object.entries(AAF_IMPORTED_CATEGORIES)) {
    const change = changeOf(mapAafEntry(entry({ operation: 'delete', category, id: ' 777 ' })));
    assert.deepEqual([change.kind, change.key, change.operation], [kind, 'aaf:777', 'delete']);
  }
  assert.equal(rejectionOf(mapAafEntry(entry({ operation: 'delete', id: null }))), 'entrée sans clé de jointure (ENTPersonJointure)');
});

// ——— Students ———

/** The entcore 2020 sample student (shared/fixtures/aaf/feeder-test-2020), attached to structure 1000. */
const STUDENT: Record<string, string | string[]> = {
  ENTPersonJointure: '2000000',
  ENTEleveINE: '100000000AA',
  ENTEleveStructRattachId: '1',
  ENTPersonDateNaissance: '01/01/2000',
  ENTPersonNomPatro: 'NOM',
  sn: 'NOM',
  givenName: 'Prénom',
  personalTitle: 'M.',
  ENTElevePersRelEleve: ['2000001$10$1$1$1$1', '3000000$20$0$1$0$0'],
  ENTEleveStatutEleve: 'SCOLAIRE',
  ENTEleveMEF: '10000000000',
  ENTEleveLibelleMEF: '1E',
  ENTEleveNivFormation: 'BAC PRO',
  ENTPersonStructRattach: '1000',
  ENTEleveClasses: ['3000$1AQUA', '1000$1PRO A'],
  ENTEleveGroupes: '',
};

const student = (attrs: Record<string, string | string[]>, spec: EntrySpec = {}) =>
  mapAafEntry(entry({ id: '2000000', ...spec, attrs }));

test('a 2D student: every field, guardians with their relation code and legal flag, keys namespaced', () => {
  const mapping = student(STUDENT);
  assert.equal(changeOf(mapping).key, 'aaf:2000000');
  assert.deepEqual(addFields(mapping, 'student'), {
    ine: '100000000AA',
    lastName: 'NOM',
    firstName: 'Prénom',
    birthDate: '2000-01-01',
    structureKey: 'aaf:1000',
    classLabel: '1PRO A',
    level: { code: '1RE', label: 'Première', degree: '2D' },
    definitivelyAdmitted: true,
    guardians: [
      { guardianKey: 'aaf:2000001', relation: '10', legal: true },
      { guardianKey: 'aaf:3000000', relation: '20', legal: true },
    ],
  });
  assert.deepEqual(mapping.ignoredAttributes.sort(), [
    'ENTEleveGroupes',
    'ENTEleveMEF',
    'ENTEleveStatutEleve',
    'ENTEleveStructRattachId',
    'ENTPersonNomPatro',
    'personalTitle',
  ]);
});

test('guardian links: 4th part 0 is not legal, 2 (second legal representative) is; empty relation is null; repeats merge', () => {
  const fields = addFields(
    student({ ...STUDENT, ENTElevePersRelEleve: ['11$39$0$0$1$0', '12$$1$2$0$0', '11$39$0$1', '', '$10$1$1$1$1'] }),
    'student',
  );
  assert.deepEqual(fields.guardians, [
    { guardianKey: 'aaf:11', relation: '39', legal: true },
    { guardianKey: 'aaf:12', relation: null, legal: true },
  ]);
  const notLegal = addFields(student({ ...STUDENT, ENTElevePersRelEleve: '21$20$1$0$1$1' }), 'student');
  assert.deepEqual(notLegal.guardians, [{ guardianKey: 'aaf:21', relation: '20', legal: false }]);
});

test('INE empty is null; no class is null; the class in the attachment establishment wins, else the first', () => {
  const fields = addFields(student({ ...STUDENT, ENTEleveINE: '', ENTEleveClasses: '' }), 'student');
  assert.equal(fields.ine, null);
  assert.equal(fields.classLabel, null);
  assert.equal(addFields(student({ ...STUDENT, ENTEleveINE: ' 070123456k ' }), 'student').ine, '070123456K');
  assert.equal(addFields(student({ ...STUDENT, ENTEleveClasses: ['3000$1AQUA', '4000$2B'] }), 'student').classLabel, '1AQUA');
  assert.equal(addFields(student({ ...STUDENT, ENTEleveClasses: '6 A' }), 'student').classLabel, '6 A');
});

test('birth dates: real calendar dates only, the reason quotes the source value', () => {
  assert.equal(rejectionOf(student({ ...STUDENT, ENTPersonDateNaissance: '31/02/2012' })), 'date de naissance invalide : 31/02/2012');
  assert.equal(rejectionOf(student({ ...STUDENT, ENTPersonDateNaissance: '2012-02-01' })), 'date de naissance invalide : 2012-02-01');
  assert.equal(rejectionOf(student({ ...STUDENT, ENTPersonDateNaissance: '' })), 'date de naissance absente');
  const rejected = student({ ...STUDENT, ENTPersonDateNaissance: '30/02/2012' });
  assert.ok('rejection' in rejected);
  assert.deepEqual(rejected.rejection, { at: { file: 'ENT2DAIX_Complet_20260901_Eleve_0000.xml', line: 12 }, reason: 'date de naissance invalide : 30/02/2012', key: 'aaf:2000000' });
  assert.equal(parseAafDate('29/02/2012'), '2012-02-29');
  assert.equal(parseAafDate('29/02/2013'), null);
  assert.equal(parseAafDate('1/9/2015'), '2015-09-01');
  assert.equal(parseAafDate('01/13/2015'), null);
  assert.equal(parseAafDate('01/01/1850'), null);
});

test('student rejections: last name, first name, attachment establishment', () => {
  assert.equal(rejectionOf(student({ ...STUDENT, sn: ' ' })), 'nom de famille absent');
  assert.equal(rejectionOf(student({ ...STUDENT, givenName: '' })), 'prénom absent');
  const { ENTPersonStructRattach: _omitted, ...withoutAttachment } = STUDENT;
  assert.equal(rejectionOf(student(withoutAttachment)), 'établissement de rattachement absent');
});

test('levels: stable codes and French labels from SIECLE and ONDE spellings; unknown texts kept as they are', () => {
  const level = (texts: Record<string, string>) => addFields(student({ ...STUDENT, ENTEleveLibelleMEF: '', ENTEleveNivFormation: '', ...texts }), 'student').level;
  const cases: Array<[string, string, string]> = [
    ['6EME', '6E', 'Sixième'],
    ['SIXIEME', '6E', 'Sixième'],
    ['6ème', '6E', 'Sixième'],
    ['5EME', '5E', 'Cinquième'],
    ['CINQUIEME', '5E', 'Cinquième'],
    ['4EME GENERALE (N.C 4E AES)', '4E', 'Quatrième'],
    ['3EME', '3E', 'Troisième'],
    ['3EME PREPA-METIERS', '3E', 'Troisième'],
    ['SECONDE', '2NDE', 'Seconde'],
    ['2NDE GENERALE ET TECHNOLOGIQUE', '2NDE', 'Seconde'],
    ['PREMIERE GENERALE & TECHNO YC BT', '1RE', 'Première'],
    ['1ERE  GENERALE', '1RE', 'Première'],
    ['TERMINALE GENERALE', 'TLE', 'Terminale'],
    ['TLE PRO', 'TLE', 'Terminale'],
  ];
  for (const [text, code, label] of cases) {
    assert.deepEqual(level({ ENTEleveNivFormation: text }), { code, label, degree: '2D' }, text);
  }
  // ENTEleveLibelleMEF names the level when ENTEleveNivFormation does not (the 2020 sample: 1E / BAC PRO).
  assert.deepEqual(level({ ENTEleveLibelleMEF: '1E', ENTEleveNivFormation: 'BAC PRO' }), { code: '1RE', label: 'Première', degree: '2D' });
  // "1ère année" is the first year of a course (CAP…), not Première.
  assert.deepEqual(level({ ENTEleveNivFormation: '1ERE ANNEE CAP' }), { code: '1ERE ANNEE CAP', label: '1ERE ANNEE CAP', degree: '2D' });
  assert.deepEqual(level({ ENTEleveNivFormation: 'CAP en 2 ans : 1ère année' }), { code: 'CAP EN 2 ANS 1ERE ANNEE', label: 'CAP en 2 ans : 1ère année', degree: '2D' });
  assert.equal(level({}), null);
});

/** A 1D (ONDE) student: other attribute names, 5-part classes, guardians with parental authority. */
const PUPIL: Record<string, string | string[]> = {
  ENTPersonJointure: '9100001',
  ENTEleveINE: '',
  ENTPersonNom: 'BERNARD',
  ENTPersonPrenom: 'Anaïs',
  ENTPersonDateNaissance: '12/05/2018',
  ENTPersonCivilite: 'Mlle',
  ENTPersonStructRattach: '9001',
  ENTPersonClasses: '9001$$$43770$CE1 A',
  ENTEleveNiveau: 'CE1',
  ENTEleveCycle: 'CYCLE 2',
  ENTEleveAutoriteParentale: ['9200001', '9200002'],
};

test('a 1D student: ONDE names, class label from the 5th part, parental authority gives legal links', () => {
  const mapping = mapAafEntry(entry({ id: '9100001', file: 'ENT1DAIX_Complet_20260901_Eleve_0000.xml', attrs: PUPIL }));
  assert.deepEqual(addFields(mapping, 'student'), {
    ine: null,
    lastName: 'BERNARD',
    firstName: 'Anaïs',
    birthDate: '2018-05-12',
    structureKey: 'aaf:9001',
    classLabel: 'CE1 A',
    level: { code: 'CE1', label: 'Cours élémentaire 1re année', degree: '1D' },
    definitivelyAdmitted: true,
    guardians: [
      { guardianKey: 'aaf:9200001', relation: null, legal: true },
      { guardianKey: 'aaf:9200002', relation: null, legal: true },
    ],
  });
  assert.deepEqual(mapping.ignoredAttributes.sort(), ['ENTEleveCycle', 'ENTPersonCivilite']);
});

test('1D levels: ONDE labels, a known level in the class parts when ENTEleveNiveau is missing, unknown texts as 1D', () => {
  const level = (attrs: Record<string, string>) => addFields(student({ ...PUPIL, ...attrs }), 'student').level;
  assert.deepEqual(level({ ENTEleveNiveau: 'MOYENNE SECTION' }), { code: 'MS', label: 'Moyenne section', degree: '1D' });
  assert.deepEqual(level({ ENTEleveNiveau: 'Cours moyen deuxième année' }), { code: 'CM2', label: 'Cours moyen 2e année', degree: '1D' });
  assert.deepEqual(level({ ENTEleveNiveau: '', ENTPersonClasses: '9001$$CM2$43771$CM2 B' }), { code: 'CM2', label: 'Cours moyen 2e année', degree: '1D' });
  assert.equal(level({ ENTEleveNiveau: '', ENTPersonClasses: '9001$$$43771$Classe unique' }), null);
  assert.deepEqual(level({ ENTEleveNiveau: 'ULIS ECOLE' }), { code: 'ULIS ECOLE', label: 'ULIS ECOLE', degree: '1D' });
});

test('both link attributes: parental authority makes a link legal and adds a guardian the other list lacks', () => {
  const fields = addFields(student({ ...STUDENT, ENTElevePersRelEleve: '2$1$0$0$0$0', ENTEleveAutoriteParentale: ['2', '5'] }), 'student');
  assert.deepEqual(fields.guardians, [
    { guardianKey: 'aaf:2', relation: '1', legal: true },
    { guardianKey: 'aaf:5', relation: null, legal: true },
  ]);
});

test('student modify: only the replaced fields; empty clears a nullable field, rejects a required one', () => {
  const modify = (attrs: Record<string, string | string[]>, ops: Record<string, Op> = {}) => student(attrs, { operation: 'modify', ops });
  assert.deepEqual(modifyFields(modify({ ENTEleveClasses: '1000$1PRO B' }), 'student'), { classLabel: '1PRO B' });
  assert.deepEqual(modifyFields(modify({ ENTEleveClasses: '' }), 'student'), { classLabel: null });
  assert.deepEqual(modifyFields(modify({ ENTEleveINE: '' }), 'student'), { ine: null });
  assert.deepEqual(modifyFields(modify({ ENTEleveINE: 'x' }, { ENTEleveINE: 'delete' }), 'student'), { ine: null });
  assert.deepEqual(modifyFields(modify({ ENTPersonStructRattach: '4102', ENTEleveClasses: ['4101$6A', '4102$5E1'] }), 'student'), {
    structureKey: 'aaf:4102',
    classLabel: '5E1',
  });
  assert.deepEqual(modifyFields(modify({ ENTEleveNivFormation: '5EME' }), 'student'), { level: { code: '5E', label: 'Cinquième', degree: '2D' } });
  assert.deepEqual(modifyFields(modify({ ENTElevePersRelEleve: '7$10$1$1$1$1' }), 'student'), {
    guardians: [{ guardianKey: 'aaf:7', relation: '10', legal: true }],
  });
  assert.deepEqual(modifyFields(modify({ ENTPersonClasses: '9001$$CP$43772$CP' }), 'student'), {
    classLabel: 'CP',
    level: { code: 'CP', label: 'Cours préparatoire', degree: '1D' },
  });
  assert.equal(rejectionOf(modify({ sn: '' })), 'nom de famille absent');
  assert.equal(rejectionOf(modify({ givenName: 'Léo' }, { givenName: 'delete' })), 'prénom absent');
  assert.equal(rejectionOf(modify({ ENTPersonDateNaissance: '31/02/2012' })), 'date de naissance invalide : 31/02/2012');
  assert.equal(
    rejectionOf(modify({ ENTElevePersRelEleve: '7$10$1$1$1$1' }, { ENTElevePersRelEleve: 'add' })),
    'modification « add » de ENTElevePersRelEleve non prise en charge : le format AAF ne prévoit que « replace »',
  );
  assert.equal(
    rejectionOf(modify({ ENTEleveAutoriteParentale: '7' }, { ENTEleveAutoriteParentale: 'delete' })),
    'modification « delete » de ENTEleveAutoriteParentale non prise en charge : le format AAF ne prévoit que « replace »',
  );
});

test('modify: the key is identifier/id; a modification of nothing imported is skipped with its attributes counted', () => {
  const modified = mapAafEntry(entry({ operation: 'modify', id: '555', attrs: { sn: 'DURAND' } }));
  assert.equal(changeOf(modified).key, 'aaf:555');
  assert.deepEqual(mapAafEntry(entry({ operation: 'modify', id: '555', attrs: { ENTEleveBoursier: 'O' } })), {
    skipped: 'modification sans attribut importé : rien à appliquer',
    ignoredAttributes: ['ENTEleveBoursier'],
  });
});

test('keys: ENTPersonJointure on add, identifier/id when it is missing, rejection when both are', () => {
  assert.equal(changeOf(student({ ...STUDENT, ENTPersonJointure: '' }, { id: '42' })).key, 'aaf:42');
  assert.equal(changeOf(student({ ...STUDENT, ENTPersonJointure: ' 2000000 ' }, { id: '9' })).key, 'aaf:2000000');
  const missing = student({ ...STUDENT, ENTPersonJointure: '' }, { id: null });
  assert.equal(rejectionOf(missing), 'entrée sans clé de jointure (ENTPersonJointure)');
  assert.ok('rejection' in missing && missing.rejection.key === undefined);
});

test('an entry with bytes invalid in its declared encoding is rejected, with its key', () => {
  const mapping = student(STUDENT, { encodingProblem: true });
  assert.ok('rejection' in mapping);
  assert.deepEqual(mapping.rejection, {
    at: { file: 'ENT2DAIX_Complet_20260901_Eleve_0000.xml', line: 12 },
    reason: "caractères illisibles : le fichier n'est pas dans l'encodage qu'il déclare",
    key: 'aaf:2000000',
  });
});

// ——— Guardians ———

/** Shape of the entcore PersRelEleve samples, plus the link to the students (AAF 2024). */
const GUARDIAN: Record<string, string | string[]> = {
  ENTPersonJointure: '7300001',
  ENTPersonDateNaissance: '',
  ENTPersonNomPatro: 'MARTIN',
  sn: 'MARTIN',
  givenName: 'Sophie',
  personalTitle: 'Mme',
  homePhone: '0442000000',
  telephoneNumber: '',
  ENTPersonAdresse: '12 AVENUE DES BELGES$BAT B$$',
  ENTPersonCodePostal: '13100',
  ENTPersonVille: 'AIX-EN-PROVENCE',
  ENTPersonPays: 'FRANCE',
  ENTPersonAdresseDiffusion: 'N',
  mobile: '06 12 34 56 78',
  mail: '  Sophie.Martin@Example.FR ',
  ENTPersonMobileSMS: '',
  ENTAuxPersRelEleveEleve: ['5200001', '5200002'],
};

const guardian = (attrs: Record<string, string | string[]>, spec: EntrySpec = {}) =>
  mapAafEntry(entry({ category: 'PersRelEleve', id: '7300001', ...spec, attrs }));

test('a guardian: e-mail trimmed and lower-cased, mobile as given, address lines then postcode and city', () => {
  const mapping = guardian(GUARDIAN);
  assert.deepEqual(addFields(mapping, 'guardian'), {
    lastName: 'MARTIN',
    firstName: 'Sophie',
    email: 'sophie.martin@example.fr',
    mobile: '06 12 34 56 78',
    address: '12 AVENUE DES BELGES, BAT B, 13100 AIX-EN-PROVENCE',
  });
  assert.deepEqual(mapping.ignoredAttributes.sort(), [
    'ENTAuxPersRelEleveEleve',
    'ENTPersonAdresseDiffusion',
    'ENTPersonDateNaissance',
    'ENTPersonMobileSMS',
    'ENTPersonNomPatro',
    'homePhone',
    'personalTitle',
    'telephoneNumber',
  ]);
});

test('a guardian without e-mail, mobile or address; a foreign address keeps its country', () => {
  const bare = addFields(
    guardian({ ...GUARDIAN, mail: '', mobile: '', ENTPersonAdresse: '$$$', ENTPersonCodePostal: '', ENTPersonVille: '' }),
    'guardian',
  );
  assert.deepEqual([bare.email, bare.mobile, bare.address], [null, null, null]);
  const abroad = addFields(guardian({ ...GUARDIAN, ENTPersonAdresse: 'Via Roma 3', ENTPersonCodePostal: '10121', ENTPersonVille: 'TORINO', ENTPersonPays: 'ITALIE' }), 'guardian');
  assert.equal(abroad.address, 'Via Roma 3, 10121 TORINO, ITALIE');
});

test('a 1D guardian: ENTPersonNom, ENTPersonPrenom, ENTPersonMail, ENTPersRelEleveTelMobile', () => {
  const fields = addFields(
    guardian({
      ENTPersonJointure: '9200001',
      ENTPersonNom: 'BERNARD',
      ENTPersonPrenom: 'Élodie',
      ENTPersonMail: 'Elodie.Bernard@Example.fr',
      ENTPersRelEleveTelMobile: '+33 6 98 76 54 32',
      ENTPersonAdresse: '3 RUE DES ÉCOLES',
      ENTPersonCodePostal: '13005',
      ENTPersonVille: 'MARSEILLE',
    }),
    'guardian',
  );
  assert.deepEqual(fields, {
    lastName: 'BERNARD',
    firstName: 'Élodie',
    email: 'elodie.bernard@example.fr',
    mobile: '+33 6 98 76 54 32',
    address: '3 RUE DES ÉCOLES, 13005 MARSEILLE',
  });
});

test('guardian modify: mail replaced or emptied; a postcode without its address is not applied and counted', () => {
  const modify = (attrs: Record<string, string>) => guardian(attrs, { operation: 'modify' });
  assert.deepEqual(modifyFields(modify({ mail: 'Nouvelle@Example.fr' }), 'guardian'), { email: 'nouvelle@example.fr' });
  assert.deepEqual(modifyFields(modify({ mail: '' }), 'guardian'), { email: null });
  assert.deepEqual(modifyFields(modify({ mobile: '0611223344' }), 'guardian'), { mobile: '0611223344' });
  const partial = modify({ mobile: '0611223344', ENTPersonCodePostal: '13090' });
  assert.deepEqual(modifyFields(partial, 'guardian'), { mobile: '0611223344' });
  assert.deepEqual(partial.ignoredAttributes, ['ENTPersonCodePostal']);
  assert.deepEqual(modifyFields(modify({ ENTPersonAdresse: '1 PLACE DES PRECHEURS$$$', ENTPersonCodePostal: '13100', ENTPersonVille: 'AIX' }), 'guardian'), {
    address: '1 PLACE DES PRECHEURS, 13100 AIX',
  });
  assert.equal(rejectionOf(modify({ sn: '' })), 'nom de famille absent');
});

// ——— Staff ———

const staff = (attrs: Record<string, string | string[]>, spec: EntrySpec = {}) =>
  mapAafEntry(entry({ category: 'PersEducNat', id: '314159', ...spec, attrs }));

/** The entcore "positions" staff (shared/fixtures/aaf/positions-before-2024). */
const HEAD: Record<string, string | string[]> = {
  ENTPersonJointure: '314159',
  ENTPersonDateNaissance: '01/01/1980',
  sn: 'AAAA',
  givenName: 'Prénom AAAA',
  mail: 'aaaa@mailinator.fr',
  ENTPersonStructRattach: '43',
  ENTPersonFonctions: [
    "43$DIR$DIRECTION$D0011$CHEF D'ETABLISSEMENT ADJOINT",
    '43$AEH$ACCOMPAGNEMENT$D0021$ACCOMPAGNEMENT ELEVES SITUATION HANDICAP',
  ],
  ENTPersonCategorieEnseignant: 'O',
};

test('a head (DIR) becomes staff with every function; a teacher is skipped', () => {
  const mapping = staff(HEAD);
  assert.equal(changeOf(mapping).key, 'aaf:314159');
  assert.deepEqual(addFields(mapping, 'staff'), {
    lastName: 'AAAA',
    firstName: 'Prénom AAAA',
    email: 'aaaa@mailinator.fr',
    functions: [
      { structureKey: 'aaf:43', code: 'DIR', label: 'DIRECTION' },
      { structureKey: 'aaf:43', code: 'AEH', label: 'ACCOMPAGNEMENT' },
    ],
  });
  assert.deepEqual(mapping.ignoredAttributes.sort(), ['ENTPersonCategorieEnseignant', 'ENTPersonDateNaissance', 'ENTPersonStructRattach']);
  assert.deepEqual(staff({ ...HEAD, ENTPersonFonctions: '43$ENS$ENSEIGNEMENT DEVANT ELEVES$G0170$ENSEIGNER EN SEGPA OU EREA' }), {
    skipped: 'personnel sans fonction de direction : non importé',
    ignoredAttributes: [],
  });
  assert.deepEqual(staff({ ...HEAD, ENTPersonFonctions: '' }), { skipped: 'personnel sans fonction de direction : non importé', ignoredAttributes: [] });
});

test('a 1D directeur: ENTEnsFonctionDir makes a DIR function; several DIR functions are all kept', () => {
  const fields = addFields(staff({ ENTPersonJointure: '9300001', ENTPersonNom: 'FABRE', ENTPersonPrenom: 'Hélène', ENTPersonMail: '', ENTEnsFonctionDir: '9001' }), 'staff');
  assert.deepEqual(fields, { lastName: 'FABRE', firstName: 'Hélène', email: null, functions: [{ structureKey: 'aaf:9001', code: 'DIR', label: 'DIRECTION' }] });
  const several = addFields(staff({ ...HEAD, ENTPersonFonctions: ['43$DIR$ARTICHAUT$D0012$PATATES', '43$DIR$LEGUMES$D0013$HARICOTS', '44$DIR$$D0014$PETITS POIS'], ENTEnsFonctionDir: '43' }), 'staff');
  assert.deepEqual(several.functions, [
    { structureKey: 'aaf:43', code: 'DIR', label: 'ARTICHAUT' },
    { structureKey: 'aaf:43', code: 'DIR', label: 'LEGUMES' },
    { structureKey: 'aaf:44', code: 'DIR', label: 'PETITS POIS' },
  ]);
});

test('staff modify is passed on (the database step knows the heads): functions replaced, even without DIR', () => {
  assert.deepEqual(modifyFields(staff({ ENTPersonFonctions: '43$ENS$ENSEIGNEMENT$L0202$LETTRES' }, { operation: 'modify' }), 'staff'), {
    functions: [{ structureKey: 'aaf:43', code: 'ENS', label: 'ENSEIGNEMENT' }],
  });
  assert.deepEqual(modifyFields(staff({ mail: 'Chef@Ac-Aix-Marseille.fr' }, { operation: 'modify' }), 'staff'), { email: 'chef@ac-aix-marseille.fr' });
  assert.match(rejectionOf(staff({ ENTPersonFonctions: '43$DIR$DIRECTION$$' }, { operation: 'modify', ops: { ENTPersonFonctions: 'add' } })), /ENTPersonFonctions non prise en charge/);
});

// ——— Categories ———

test('subjects and training levels are skipped; unknown categories too, named in the reason', () => {
  assert.deepEqual(mapAafEntry(entry({ category: 'MatEducNat', attrs: { ENTMatJointure: '009800' } })), { skipped: 'matière (MatEducNat) : non importée', ignoredAttributes: [] });
  assert.deepEqual(mapAafEntry(entry({ category: 'MefEducNat', attrs: {} })), { skipped: 'formation (MefEducNat) : non importée', ignoredAttributes: [] });
  assert.deepEqual(mapAafEntry(entry({ category: 'PersAL', attrs: { sn: 'X' } })), { skipped: 'catégorie « PersAL » non importée', ignoredAttributes: [] });
  // Skipped before anything else: an unreadable subject is still just a subject.
  assert.ok('skipped' in mapAafEntry(entry({ category: 'MatEducNat', encodingProblem: true })));
});

test('a missing category is taken from the file name; otherwise the entry is rejected', () => {
  assert.equal(changeOf(student(STUDENT, { category: null })).kind, 'student');
  const subject = mapAafEntry(entry({ category: null, file: 'FULL_ENTTSSERVICES_Complet_20130117_MatiereEducNat_0000.xml' }));
  assert.deepEqual(subject, { skipped: 'matière (MatEducNat) : non importée', ignoredAttributes: [] });
  assert.equal(rejectionOf(student(STUDENT, { category: null, file: 'export.xml' })), 'entrée sans catégorie (categoriePersonne ou categorieStructure)');
  assert.equal(changeOf(student(STUDENT, { category: ' eleve ' })).kind, 'student');
});

test('every used set names its jointure attribute; the categories map to the four record kinds', () => {
  assert.deepEqual(AAF_IMPORTED_CATEGORIES, { EtabEducNat: 'structure', Eleve: 'student', PersRelEleve: 'guardian', PersEducNat: 'staff' });
  assert.ok(AAF_USED_ATTRIBUTES.EtabEducNat.has('ENTStructureJointure'));
  for (const category of ['Eleve', 'PersRelEleve', 'PersEducNat'] as const) assert.ok(AAF_USED_ATTRIBUTES[category].has('ENTPersonJointure'));
});
