// The synthetic AAF academy of bench/aaf-generate.ts, on a small run: file names, well-formed XML (saxes), counts,
// references between files (guardians, classes), unique identifiers, and the same bytes for the same seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { generateAcademy, type Summary } from '../../bench/aaf-generate.ts';

const NAME = /^ENT2DBENCH_(Complet_20260901|Delta_20260902)_(EtabEducNat|PersRelEleve|Eleve|PersEducNat)_(\d{4})\.xml$/;

interface Entry { operation: string; category: string; id: string; attributes: Map<string, string[]> }

/** Every entry of one file, through saxes (which throws on XML that is not well-formed). */
function parse(xml: string): Entry[] {
  const parser = new SaxesParser();
  const entries: Entry[] = [];
  let entry: Entry | null = null, attrName: string | null = null, text = '', operational = false;
  parser.on('error', (error) => { throw error; });
  parser.on('opentag', (node) => {
    const name = String(node.attributes.name ?? '');
    if (/^(add|modify|delete)Request$/.test(node.name)) entry = { operation: node.name, category: '', id: '', attributes: new Map() };
    else if (node.name === 'operationalAttributes') operational = true;
    else if (node.name === 'attr' || node.name === 'modification') attrName = name;
    text = '';
  });
  parser.on('text', (t) => { text += t; });
  parser.on('closetag', (node) => {
    if (!entry) return;
    if (node.name === 'value' && operational) entry.category = text;
    else if (node.name === 'value' && attrName) entry.attributes.set(attrName, [...entry.attributes.get(attrName) ?? [], text]);
    else if (node.name === 'id') entry.id = text;
    else if (node.name === 'operationalAttributes') operational = false;
    else if (node.name === 'attr' || node.name === 'modification') attrName = null;
    else if (node.name === entry.operation) { entries.push(entry); entry = null; }
    text = '';
  });
  parser.write(xml).close();
  return entries;
}

async function readAcademy(dir: string): Promise<Map<string, Entry[]>> {
  const byKind = new Map<string, Entry[]>(); // 'Complet Eleve' → entries of all its chunks, in order
  for (const name of (await readdir(dir)).sort()) {
    const match = NAME.exec(name);
    assert.ok(match, `unexpected file name ${name}`);
    const key = `${match[1]!.split('_')[0]} ${match[2]}`;
    byKind.set(key, [...byKind.get(key) ?? [], ...parse(await readFile(join(dir, name), 'utf8'))]);
  }
  return byKind;
}

const one = (e: Entry, name: string): string => e.attributes.get(name)?.[0] ?? '';
const near = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= expected * tolerance, `${what}: ${actual}, expected about ${expected}`);

test('a small academy: well-formed files, counts, references, unique identifiers, deterministic bytes', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'aaf-generate-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const options = { people: 3000, deltaPercent: 1, seed: 1, date: '2026-09-01' };
  const summary: Summary = await generateAcademy({ ...options, out: join(root, 'a') });
  const academy = await readAcademy(join(root, 'a'));
  const get = (key: string) => academy.get(key) ?? assert.fail(`no ${key} file`);

  const etabs = get('Complet EtabEducNat'), students = get('Complet Eleve'), guardians = get('Complet PersRelEleve');
  const staff = get('Complet PersEducNat'), deltaStudents = get('Delta Eleve'), deltaGuardians = get('Delta PersRelEleve');
  assert.deepEqual(get('Delta EtabEducNat'), []);
  assert.deepEqual(get('Delta PersEducNat'), []);
  for (const [key, entries] of academy) {
    if (key.startsWith('Complet')) assert.ok(entries.every((e) => e.operation === 'addRequest' && e.id === one(e, key.endsWith('EtabEducNat') ? 'ENTStructureJointure' : 'ENTPersonJointure')), key);
    assert.ok(entries.every((e) => e.category === key.split(' ')[1]), `${key}: categories`);
  }
  near(students.length, 1200, 0.05, 'students');
  near(guardians.length, 1650, 0.15, 'guardians');
  near(staff.length, 150, 0.1, 'staff');
  assert.equal(etabs.length, Math.round(students.length / 600));
  assert.equal(summary.counts.students, students.length);
  assert.equal(summary.counts.guardians, guardians.length);

  // Establishments: valid and unique UAIs, 25 classes, one DIR head each, the others teachers.
  const uais = etabs.map((e) => one(e, 'ENTStructureUAI'));
  assert.ok(uais.every((u) => /^[0-9]{7}[A-Z]$/.test(u)), uais.join());
  assert.equal(new Set(uais).size, uais.length);
  const classes = new Map(etabs.map((e) => [e.id, new Set(e.attributes.get('ENTStructureClasses')!.map((c) => c.split('$')[0]))]));
  assert.ok([...classes.values()].every((c) => c.size === 25));
  const functions = staff.map((e) => one(e, 'ENTPersonFonctions').split('$'));
  assert.equal(functions.filter((f) => f[1] === 'DIR').length, etabs.length);
  assert.equal(functions.filter((f) => f[1] === 'ENS').length, staff.length - etabs.length);
  assert.ok(functions.every((f) => classes.has(f[0]!)));

  // Students: INE, class of their establishment, legal guardians who exist and name them back.
  const ines = [...students, ...deltaStudents].filter((e) => e.operation === 'addRequest').map((e) => one(e, 'ENTEleveINE'));
  assert.ok(ines.every((i) => /^[0-9]{9}[A-Z]{2}$/.test(i)));
  assert.equal(new Set(ines).size, ines.length);
  const guardianById = new Map([...guardians, ...deltaGuardians].filter((e) => e.operation === 'addRequest').map((e) => [e.id, e]));
  let withTwoLegal = 0;
  for (const s of [...students, ...deltaStudents].filter((e) => e.operation === 'addRequest')) {
    const [structure, code] = one(s, 'ENTEleveClasses').split('$');
    assert.equal(structure, one(s, 'ENTPersonStructRattach'));
    assert.ok(classes.get(structure!)?.has(code!), `class ${code} of ${structure}`);
    const links = s.attributes.get('ENTElevePersRelEleve')!.map((v) => v.split('$'));
    for (const [id] of links) assert.ok(guardianById.get(id!)?.attributes.get('ENTAuxPersRelEleveEleve')!.includes(s.id), `guardian ${id} of ${s.id}`);
    if (links.filter((l) => l.slice(2).join('$') === '1$1$1$1').length === 2) withTwoLegal++;
  }
  assert.ok(withTwoLegal > students.length * 0.6, `students with two legal guardians: ${withTwoLegal}`);
  const mails = guardians.map((e) => one(e, 'mail')).filter(Boolean), mobiles = guardians.map((e) => one(e, 'mobile')).filter(Boolean);
  assert.ok(mails.length > guardians.length * 0.7 && mobiles.length > guardians.length * 0.7);
  assert.ok(mobiles.every((m) => /^(0[67]( ?\d\d){4}|\+33 ?[67]( ?\d\d){4}|0[67](\.\d\d){4})$/.test(m)), mobiles.find((m) => !/^[0+]/.test(m)));
  const texts = [...students, ...guardians, ...etabs].flatMap((e) => [...e.attributes.values()].flat());
  for (const needle of ["'", '&', 'é']) assert.ok(texts.some((v) => v.includes(needle)), `a value with ${needle}`);

  // Identifiers: numeric and unique across the academy, the delta's new people included.
  const ids = [...academy.values()].flat().filter((e) => e.operation === 'addRequest').map((e) => e.id);
  assert.ok(ids.every((id) => /^\d+$/.test(id)));
  assert.equal(new Set(ids).size, ids.length);

  // Delta: changes of people of the full export, deletions, new students with new guardians.
  const known = new Set(ids);
  const ops = (entries: Entry[], op: string) => entries.filter((e) => e.operation === op);
  assert.ok(ops(deltaStudents, 'modifyRequest').length > 0 && ops(deltaStudents, 'deleteRequest').length > 0);
  assert.ok(ops(deltaStudents, 'addRequest').length > 0 && ops(deltaGuardians, 'addRequest').length > 0);
  assert.ok(ops(deltaGuardians, 'modifyRequest').length > 0);
  for (const e of [...ops(deltaStudents, 'modifyRequest'), ...ops(deltaStudents, 'deleteRequest'), ...ops(deltaGuardians, 'modifyRequest')]) {
    assert.ok(known.has(e.id) && !ops(deltaStudents, 'addRequest').some((a) => a.id === e.id), e.id);
  }
  const touched = summary.delta!.classChanges + summary.delta!.contactChanges + summary.delta!.deletedStudents +
    summary.delta!.addedStudents + summary.delta!.addedGuardians;
  near(touched, 30, 0.3, 'people touched by the delta');

  // The same seed writes the same bytes; another seed does not.
  await generateAcademy({ ...options, out: join(root, 'b') });
  await generateAcademy({ ...options, seed: 2, out: join(root, 'c') });
  const names = (await readdir(join(root, 'a'))).sort();
  assert.deepEqual((await readdir(join(root, 'b'))).sort(), names);
  for (const name of names) {
    const a = await readFile(join(root, 'a', name));
    assert.ok(a.equals(await readFile(join(root, 'b', name))), `${name} differs between two runs with the same seed`);
  }
  const eleve = 'ENT2DBENCH_Complet_20260901_Eleve_0000.xml';
  assert.ok(!(await readFile(join(root, 'a', eleve))).equals(await readFile(join(root, 'c', eleve))));
});

test('files are chunked: _0000, _0001… every chunkSize entries, nothing lost', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'aaf-generate-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const summary = await generateAcademy({ out: root, people: 3000, deltaPercent: 0, chunkSize: 500 });
  const names = (await readdir(root)).sort();
  assert.deepEqual(names.filter((n) => n.includes('_Eleve_')), ['_0000', '_0001', '_0002'].map((c) => `ENT2DBENCH_Complet_20260901_Eleve${c}.xml`));
  assert.ok(!names.some((n) => n.includes('Delta')));
  const academy = await readAcademy(root);
  assert.equal(academy.get('Complet Eleve')!.length, 1200);
  assert.equal(summary.files.reduce((n, f) => n + f.entries, 0), [...academy.values()].flat().length);
  assert.ok(summary.files.every((f) => f.entries <= 500));
});
