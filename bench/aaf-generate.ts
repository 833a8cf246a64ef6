// Generator of a synthetic AAF 2D academy (ficAlimMENESR XML, as the real exports) for the import benchmark. It writes a
// full export and, when asked, the next day's delta, streaming: nothing but the establishments is held in memory.
//
//   npx tsx bench/aaf-generate.ts --out /tmp/aaf-bench --people 1000000 [--seed 1] [--delta-percent 1] [--date 2026-09-01]
//
// People: ≈ 40 % students, ≈ 55 % guardians (PersRelEleve), ≈ 5 % staff (PersEducNat: one DIR per establishment, the
// others ENS); one establishment (collège or lycée) per ≈ 600 students, 25 classes each. Files
// ENT2DBENCH_Complet_<YYYYMMDD>_<Type>_<NNNN>.xml, 100,000 entries a file; the delta (ENT2DBENCH_Delta_<YYYYMMDD+1>_…)
// touches --delta-percent of the people: class changes, guardians' mail/mobile changes, a few deleted students, new
// students with new guardians. The same seed writes the same bytes (mulberry32, no Math.random, no clock in the files).
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { finished } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  address, deleteRequest, establishment, establishmentXml, firstName, guardianJointure, guardianMail, guardianXml, int, lastName,
  mobile, modifyRequest, mulberry32, pick, staffXml, studentJointure, studentXml,
  type Establishment, type Guardian, type Rng, type Student,
} from './aaf-generate-people.ts';

export interface GenerateOptions {
  /** Folder to write into (created if needed). */
  out: string;
  /** People in the academy, about (students + guardians + staff). */
  people: number;
  seed?: number;
  /** Share of the people the delta touches, in %; 0: no delta. Default 1. */
  deltaPercent?: number;
  /** Date of the full export, YYYY-MM-DD; the delta is the day after. Default 2026-09-01. */
  date?: string;
  /** Entries per file; default 100,000 as the real exports. */
  chunkSize?: number;
}
export interface GeneratedFile { name: string; bytes: number; entries: number }
export interface Summary {
  out: string; files: GeneratedFile[]; totalBytes: number; seconds: number; fullDate: string; deltaDate: string | null;
  counts: { establishments: number; classes: number; students: number; guardians: number; staff: number; families: number };
  delta: { classChanges: number; contactChanges: number; deletedStudents: number; addedStudents: number; addedGuardians: number } | null;
}

const PREFIX = 'ENT2DBENCH';
const ACADEMY = 'LILLE';
const FOOTER = '</ficAlimMENESR>\n';
const header = (ddmmyyyy: string): string => '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<!DOCTYPE ficAlimMENESR SYSTEM "ficAlimMENESR.dtd">\n<ficAlimMENESR>\n<!-- versionAF="AAF-VE2407" -->\n' +
  '<!-- versionSDET="Annexe 4bis version 6.4" -->\n<!-- codeAcademieExport="09" -->\n<!-- degre="2D" -->\n' +
  `<!-- dateGenerationExport="${ddmmyyyy}" -->\n\n`;

/** One type's files: a new file every `chunkSize` entries, written through a buffer, waiting for 'drain' when told to. */
class ChunkedWriter {
  readonly files: GeneratedFile[] = [];
  private stream: WriteStream | null = null;
  private current: GeneratedFile | null = null;
  private buffer = '';
  constructor(private readonly dir: string, private readonly base: string, private readonly header: string,
    private readonly chunkSize: number) {}

  async add(xml: string): Promise<void> {
    if (!this.current) this.open();
    this.buffer += xml;
    if (++this.current!.entries >= this.chunkSize) await this.closeFile();
    else if (this.buffer.length >= 1 << 18) await this.flush();
  }
  /** Ends the last file; a type without entries still gets its `_0000` file, as the real exports. */
  async close(): Promise<GeneratedFile[]> {
    if (!this.current && this.files.length === 0) this.open();
    if (this.current) await this.closeFile();
    return this.files;
  }
  private open(): void {
    const name = `${this.base}_${String(this.files.length).padStart(4, '0')}.xml`;
    this.stream = createWriteStream(join(this.dir, name));
    this.current = { name, bytes: 0, entries: 0 };
    this.files.push(this.current);
    this.buffer = this.header;
  }
  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream!.write(chunk)) await once(this.stream!, 'drain');
  }
  private async closeFile(): Promise<void> {
    this.buffer += FOOTER;
    await this.flush();
    const stream = this.stream!;
    stream.end();
    await finished(stream);
    this.current!.bytes = stream.bytesWritten;
    this.stream = null;
    this.current = null;
  }
}

/** A seed per purpose, so that the full export does not depend on --delta-percent. */
function seeded(seed: number, salt: number): Rng {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  return mulberry32(Math.imul(h, 0x27d4eb2f));
}

interface Shape { legal: 1 | 2; third: boolean; children: number }
/** A family: two legal guardians in 3 of 4, sometimes a non-legal contact (grandparent); 22 % have siblings. */
function familyShape(rng: Rng): Shape {
  const legal = rng() < 0.76 ? 2 : 1;
  const third = rng() < 0.02;
  const r = rng();
  return { legal, third, children: r < 0.78 ? 1 : r < 0.95 ? 2 : r < 0.99 ? 3 : 4 };
}

function makeFamily(rng: Rng, shape: Shape, children: number, g0: number, s0: number, home: Establishment,
  schools: readonly Establishment[]): { guardians: Guardian[]; students: Student[] } {
  const family = lastName(rng).toUpperCase();
  const home0 = address(rng);
  const guardians: Guardian[] = [];
  const singleMother = rng() < 0.8;
  const count = shape.legal + (shape.third ? 1 : 0);
  for (let j = 0; j < count; j++) {
    const legal = j < shape.legal;
    const woman = !legal ? rng() < 0.6 : shape.legal === 2 ? j === 0 : singleMother;
    const sn = legal && !(woman && rng() < 0.3) ? family : lastName(rng).toUpperCase();
    const givenName = firstName(rng, woman);
    const index = g0 + j;
    guardians.push({ index, jointure: guardianJointure(index), woman, sn, givenName, legal, link: !legal ? '38' : woman ? '10' : '20',
      mail: rng() < (legal ? 0.85 : 0.5) ? guardianMail(rng, givenName, sn, index) : null,
      mobile: rng() < 0.85 ? mobile(rng) : null, address: j === 0 || rng() < 0.85 ? home0 : address(rng), students: [] });
  }
  // Some couples share one address: the same mail on both guardians, as in real exports.
  if (shape.legal === 2 && guardians[0]!.mail && rng() < 0.03) guardians[1]!.mail = guardians[0]!.mail;
  const students: Student[] = [];
  for (let c = 0; c < children; c++) {
    const school = c === 0 || rng() < 0.6 ? home : pick(rng, schools);
    const index = s0 + c;
    students.push({ index, jointure: studentJointure(index), school, classCode: pick(rng, school.classes).code, guardians, sn: family,
      address: home0 });
  }
  for (const g of guardians) g.students = students.map((s) => s.jointure);
  return { guardians, students };
}

/** `k` distinct integers of [0, n), in a random order. */
function sample(rng: Rng, n: number, k: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(k, n)) chosen.add(int(rng, n));
  return [...chosen];
}

function otherClass(rng: Rng, s: Student): string {
  const level = s.school.classes.find((c) => c.code === s.classCode)!.level;
  const same = s.school.classes.filter((c) => c.level === level && c.code !== s.classCode);
  return pick(rng, same.length > 0 ? same : s.school.classes.filter((c) => c.code !== s.classCode)).code;
}

const ymd = (d: Date): string => d.toISOString().slice(0, 10).replaceAll('-', '');
const dmy = (d: Date): string => d.toISOString().slice(0, 10).split('-').reverse().join('/');

export async function generateAcademy(options: GenerateOptions): Promise<Summary> {
  const started = performance.now();
  const seed = options.seed ?? 1, percent = options.deltaPercent ?? 1, chunkSize = options.chunkSize ?? 100_000;
  if (!Number.isInteger(options.people) || options.people < 10 || options.people > 20_000_000) throw new Error('people: an integer in [10, 20,000,000]');
  if (!(percent >= 0 && percent <= 50)) throw new Error('delta-percent: between 0 and 50');
  if (!Number.isInteger(seed)) throw new Error('seed: an integer');
  const date = options.date ?? '2026-09-01';
  const day = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(day.getTime())) throw new Error('date: YYYY-MM-DD');
  const next = new Date(day.getTime() + 86_400_000);
  const schoolYear = day.getUTCMonth() >= 7 ? day.getUTCFullYear() : day.getUTCFullYear() - 1;
  const out = resolve(options.out);
  await mkdir(out, { recursive: true });
  const writer = (kind: 'Complet' | 'Delta', d: Date, type: string) =>
    new ChunkedWriter(out, `${PREFIX}_${kind}_${ymd(d)}_${type}`, header(dmy(d)), chunkSize);

  const S = Math.round(options.people * 0.4);
  const E = Math.max(1, Math.round(S / 600));
  const P = Math.max(E, Math.round(options.people * 0.05));
  const files: GeneratedFile[] = [];

  // Establishments: the only thing kept in memory (≈ 1,700 for a million people).
  const schoolRng = seeded(seed, 1), etabXmlRng = seeded(seed, 2);
  const schools = Array.from({ length: E }, (_, e) => establishment(schoolRng, e));
  const etab = writer('Complet', day, 'EtabEducNat');
  for (const s of schools) await etab.add(establishmentXml(s, etabXmlRng, ACADEMY));
  files.push(...await etab.close());

  // Pass 1 on the family shapes alone (cheap): how many guardians, so that the delta's targets can be drawn exactly.
  let G = 0, families = 0;
  for (let s = 0, shapes = seeded(seed, 3); s < S; families++) {
    const shape = familyShape(shapes);
    s += Math.min(shape.children, S - s);
    G += shape.legal + (shape.third ? 1 : 0);
  }

  const deltaRng = seeded(seed, 9);
  const touched = percent > 0 ? Math.max(5, Math.round((S + G + P) * percent / 100)) : 0;
  const plan = { classChanges: Math.round(touched * 0.35), deletedStudents: Math.max(1, Math.round(touched * 0.03)),
    contactChanges: Math.round(touched * 0.46), addedStudents: Math.max(1, Math.round(touched * 0.06)) };
  const studentRole = new Map<number, 'class' | 'delete'>();
  const guardianTargets = new Set<number>();
  if (touched > 0) {
    sample(deltaRng, S, plan.classChanges + plan.deletedStudents)
      .forEach((i, n) => studentRole.set(i, n < plan.classChanges ? 'class' : 'delete'));
    for (const g of sample(deltaRng, G, plan.contactChanges)) guardianTargets.add(g);
  }
  const deltas = touched > 0 ? { eleve: writer('Delta', next, 'Eleve'), rel: writer('Delta', next, 'PersRelEleve') } : null;

  // Pass 2: the families again, students and guardians written side by side; the delta's changes as they go by.
  const eleve = writer('Complet', day, 'Eleve'), rel = writer('Complet', day, 'PersRelEleve');
  const shapes = seeded(seed, 3), peopleRng = seeded(seed, 4), xmlRng = seeded(seed, 5);
  for (let s = 0, g = 0; s < S;) {
    const shape = familyShape(shapes);
    const children = Math.min(shape.children, S - s);
    const family = makeFamily(peopleRng, shape, children, g, s, schools[Math.floor((s * E) / S)]!, schools);
    for (const guardian of family.guardians) {
      await rel.add(guardianXml(guardian, xmlRng));
      if (deltas && guardianTargets.has(guardian.index)) {
        const r = deltaRng();
        const changes: [string, string][] = [];
        if (r < 0.7) changes.push(['mail', guardianMail(deltaRng, guardian.givenName, guardian.sn, guardian.index, true)]);
        if (r >= 0.5) changes.push(['mobile', mobile(deltaRng)]);
        await deltas.rel.add(modifyRequest('PersRelEleve', guardian.jointure, changes));
      }
    }
    for (const student of family.students) {
      await eleve.add(studentXml(student, xmlRng, schoolYear));
      const role = deltas && studentRole.get(student.index);
      if (role === 'class') {
        await deltas!.eleve.add(modifyRequest('Eleve', student.jointure, [['ENTEleveClasses', `${student.school.jointure}$${otherClass(deltaRng, student)}`]]));
      } else if (role === 'delete') await deltas!.eleve.add(deleteRequest('Eleve', student.jointure));
    }
    s += children;
    g += family.guardians.length;
  }
  files.push(...await eleve.close(), ...await rel.close());

  const staff = writer('Complet', day, 'PersEducNat'), staffRng = seeded(seed, 6);
  for (let k = 0; k < P; k++) {
    const e = Math.floor((k * E) / P);
    await staff.add(staffXml(k, schools[e]!, k === 0 || Math.floor(((k - 1) * E) / P) !== e, staffRng, schoolYear));
  }
  files.push(...await staff.close());

  // The delta's new students, with new guardians: new families, jointures after the full export's.
  let delta: Summary['delta'] = null;
  if (deltas) {
    let added = 0, addedGuardians = 0;
    while (added < plan.addedStudents) {
      const shape = familyShape(deltaRng);
      const family = makeFamily(deltaRng, shape, Math.min(shape.children, plan.addedStudents - added), G + addedGuardians, S + added,
        pick(deltaRng, schools), schools);
      for (const guardian of family.guardians) await deltas.rel.add(guardianXml(guardian, deltaRng));
      for (const student of family.students) await deltas.eleve.add(studentXml(student, deltaRng, schoolYear));
      added += family.students.length;
      addedGuardians += family.guardians.length;
    }
    files.push(...await writer('Delta', next, 'EtabEducNat').close(), ...await deltas.rel.close(), ...await deltas.eleve.close(),
      ...await writer('Delta', next, 'PersEducNat').close());
    delta = { classChanges: plan.classChanges, contactChanges: guardianTargets.size, deletedStudents: plan.deletedStudents,
      addedStudents: added, addedGuardians };
  }
  return { out, files, totalBytes: files.reduce((sum, f) => sum + f.bytes, 0), seconds: (performance.now() - started) / 1000,
    fullDate: ymd(day), deltaDate: deltas ? ymd(next) : null, delta,
    counts: { establishments: E, classes: schools.reduce((n, s) => n + s.classes.length, 0), students: S, guardians: G, staff: P, families } };
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
export function printSummary(summary: Summary): void {
  for (const f of summary.files) console.log(`${f.name.padEnd(56)} ${mb(f.bytes).padStart(8)} MB ${String(f.entries).padStart(8)} entries`);
  const c = summary.counts;
  console.log(`\n${summary.files.length} files, ${mb(summary.totalBytes)} MB in ${summary.out}`);
  console.log(`full ${summary.fullDate}: ${c.establishments} establishments (${c.classes} classes), ${c.students} students, ` +
    `${c.guardians} guardians (${c.families} families), ${c.staff} staff = ${c.students + c.guardians + c.staff} people`);
  if (summary.delta) {
    const d = summary.delta;
    console.log(`delta ${summary.deltaDate}: ${d.classChanges} class changes, ${d.contactChanges} guardians' mail/mobile changes, ` +
      `${d.deletedStudents} deleted students, ${d.addedStudents} new students with ${d.addedGuardians} new guardians`);
  }
  const memory = process.memoryUsage();
  console.log(`${summary.seconds.toFixed(1)} s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB ` +
    `(now: RSS ${mb(memory.rss)} MB, heap ${mb(memory.heapUsed)} MB)`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, people: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' }, 'delta-percent': { type: 'string', default: '1' }, date: { type: 'string', default: '2026-09-01' } } });
  if (!values.out) throw new Error('usage: npx tsx bench/aaf-generate.ts --out <folder> --people 1000000 [--seed 1] [--delta-percent 1] [--date 2026-09-01]');
  printSummary(await generateAcademy({ out: values.out, people: Number(values.people), seed: Number(values.seed),
    deltaPercent: Number(values['delta-percent']), date: values.date }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
