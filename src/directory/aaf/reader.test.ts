import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AafEntry } from './entry.ts';
import { AafFileError, readAafEntries, type ReadAafOptions } from './reader.ts';

let dir = '';
before(async () => { dir = await mkdtemp(join(tmpdir(), 'guichet-aaf-reader-')); });
after(() => rm(dir, { recursive: true, force: true }));

const FIXTURES = '/work/shared/fixtures/aaf';
const NAME = 'ENT_Complet_20260901_Eleve_0000.xml';

function header(encoding = 'UTF-8'): string {
  return `<?xml version="1.0" encoding="${encoding}"?>\n<!DOCTYPE ficAlimMENESR SYSTEM "ficAlimMENESR.dtd">\n<ficAlimMENESR>\n`;
}

function student(id: string, name: string): string {
  return (
    `<addRequest>\n<operationalAttributes><attr name="categoriePersonne"><value>Eleve</value></attr></operationalAttributes>\n` +
    `<identifier><id>${id}</id></identifier>\n` +
    `<attributes><attr name="sn"><value>${name}</value></attr></attributes>\n</addRequest>\n`
  );
}

async function file(content: string | Buffer, name = NAME): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function readAll(path: string, options?: ReadAafOptions): Promise<AafEntry[]> {
  const entries: AafEntry[] = [];
  for await (const entry of readAafEntries(path, options)) entries.push(entry);
  return entries;
}

/** The AafFileError the file ends with, and the entries yielded before it. */
async function failure(path: string, options?: ReadAafOptions): Promise<{ error: AafFileError; before: AafEntry[] }> {
  const before: AafEntry[] = [];
  try {
    for await (const entry of readAafEntries(path, options)) before.push(entry);
  } catch (error) {
    assert.ok(error instanceof AafFileError, `AafFileError attendue : ${String(error)}`);
    return { error, before };
  }
  assert.fail('the file should have been refused');
}

test('a 2D add entry: category, id, every value in order, empty values kept, comments ignored', async () => {
  const path = await file(
    `${header()}<!-- versionAF="AAF-VE2407" -->\n<!-- degre="2D" -->\n\n<addRequest>\n` +
      `  <operationalAttributes><attr name="categoriePersonne"><value>Eleve</value></attr></operationalAttributes>\n` +
      `  <identifier><id> 2000000 </id></identifier>\n  <attributes>\n` +
      `    <attr name="ENTEleveINE"><value>100000000AA</value></attr>\n` +
      `    <attr name="ENTPersonAutresPrenoms"><value>Jean</value><value> Paul </value></attr>\n` +
      `    <attr name="ENTEleveGroupes"><value/></attr>\n    <attr name="postOfficeBox"><value></value></attr>\n` +
      `    <unknown><value>ignored</value></unknown>\n  </attributes>\n</addRequest>\n</ficAlimMENESR>\n`,
  );
  const [entry, ...rest] = await readAll(path);
  assert.equal(rest.length, 0);
  assert.deepEqual(entry, {
    operation: 'add',
    category: 'Eleve',
    id: '2000000',
    attributes: new Map([
      ['ENTEleveINE', ['100000000AA']],
      ['ENTPersonAutresPrenoms', ['Jean', 'Paul']],
      ['ENTEleveGroupes', ['']],
      ['postOfficeBox', ['']],
    ]),
    file: NAME,
    line: 7,
  });
});

test('modifyRequest: values and the operation of each modification', async () => {
  const path = await file(
    `${header()}<modifyRequest>\n<operationalAttributes><attr name="categoriePersonne"><value>PersEducNat</value></attr></operationalAttributes>\n` +
      `<identifier><id>314159</id></identifier>\n<modifications>\n` +
      `<modification name="mail" operation="replace"><value>a@example.fr</value></modification>\n` +
      `<modification name="ENTPersonFonctions" operation="add"><value>43$DIR$DIRECTION$D0011$CHEF</value><value>43$ENS$X$Y$Z</value></modification>\n` +
      `<modification name="ENTAuxEnsClasses" operation="delete"><value/></modification>\n` +
      `<modification name="sn"><value>NOM</value></modification>\n</modifications>\n</modifyRequest>\n</ficAlimMENESR>`,
  );
  const [entry] = await readAll(path);
  assert.equal(entry?.operation, 'modify');
  assert.equal(entry?.category, 'PersEducNat');
  assert.equal(entry?.id, '314159');
  assert.deepEqual(entry?.attributes.get('ENTPersonFonctions'), ['43$DIR$DIRECTION$D0011$CHEF', '43$ENS$X$Y$Z']);
  assert.deepEqual(entry?.attributes.get('ENTAuxEnsClasses'), ['']);
  assert.deepEqual(
    entry?.modifications,
    new Map([['mail', 'replace'], ['ENTPersonFonctions', 'add'], ['ENTAuxEnsClasses', 'delete'], ['sn', 'replace']]),
  );
});

test('an unknown modification operation refuses the file', async () => {
  const path = await file(
    `${header()}<modifyRequest><identifier><id>1</id></identifier><modifications>` +
      `<modification name="sn" operation="merge"><value>X</value></modification></modifications></modifyRequest></ficAlimMENESR>`,
  );
  const { error } = await failure(path);
  assert.match(error.message, /opération inconnue « merge »/);
});

test('deleteRequest, with or without operational attributes; an empty id is null', async () => {
  const path = await file(
    `${header()}<deleteRequest><identifier><id>42</id></identifier></deleteRequest>\n` +
      `<deleteRequest><operationalAttributes><attr name="categorieStructure"><value>EtabEducNat</value></attr></operationalAttributes>` +
      `<identifier><id>  </id></identifier></deleteRequest>\n</ficAlimMENESR>`,
  );
  const entries = await readAll(path);
  assert.deepEqual(entries.map((e) => [e.operation, e.category, e.id, e.attributes.size, e.line]), [
    ['delete', null, '42', 0, 4],
    ['delete', 'EtabEducNat', null, 0, 5],
  ]);
});

test('ISO-8859-15: é and € bytes decode right', async () => {
  const path = await file(Buffer.from(`${header('ISO-8859-15')}${student('1', 'H\xe9l\xe8ne 100 \xa4')}</ficAlimMENESR>`, 'latin1'));
  const [entry] = await readAll(path);
  assert.deepEqual(entry?.attributes.get('sn'), ['Hélène 100 €']);
  assert.equal(entry?.encodingProblem, undefined);
});

test('ISO-8859-1 / latin1 declarations and a UTF-8 file without declaration', async () => {
  const latin1 = await file(Buffer.from(`${header('ISO-8859-1')}${student('1', 'Andr\xe9')}</ficAlimMENESR>`, 'latin1'), 'a.xml');
  assert.deepEqual((await readAll(latin1))[0]?.attributes.get('sn'), ['André']);
  const bare = await file(`<ficAlimMENESR>${student('1', 'Zoé')}</ficAlimMENESR>`, 'b.xml');
  assert.deepEqual((await readAll(bare))[0]?.attributes.get('sn'), ['Zoé']);
  const bom = await file(`\uFEFF${header()}${student('1', 'Loïc')}</ficAlimMENESR>`, 'c.xml');
  assert.deepEqual((await readAll(bom))[0]?.attributes.get('sn'), ['Loïc']);
});

test('HTML entities (&eacute;, &euro;, &nbsp;…) and XML ones (&apos;, &amp;) and character references', async () => {
  const path = await file(`${header()}${student('1', 'L&apos;&Eacute;cole &amp; C&eacute;dric &#233;&#x20AC; 5&euro;&hellip;')}</ficAlimMENESR>`);
  const [entry] = await readAll(path);
  assert.deepEqual(entry?.attributes.get('sn'), ["L'École & Cédric é€ 5€…"]);
});

test('an unknown entity refuses the file and is named', async () => {
  const { error } = await failure(await file(`${header()}${student('1', 'A &constructor; B')}</ficAlimMENESR>`));
  assert.equal(error.message, `${NAME} contient l'entité inconnue « &constructor; » (ligne 7).`);
  assert.equal(error.line, 7);
});

test('UTF-8 file with a stray Latin-1 byte: that entry is flagged, the next one is fine', async () => {
  const bytes = Buffer.concat([
    Buffer.from(`${header()}${student('1', 'Ren')}`.replace('Ren', 'Ren\u0000')),
    Buffer.from(student('2', 'René')),
    Buffer.from('</ficAlimMENESR>'),
  ]);
  bytes[bytes.indexOf(0)] = 0xe9; // Latin-1 é: invalid in UTF-8
  const [flagged, fine] = await readAll(await file(bytes));
  assert.equal(flagged?.encodingProblem, true);
  assert.equal(flagged?.id, '1');
  assert.deepEqual(flagged?.attributes.get('sn'), ['Ren\uFFFD']);
  assert.equal(fine?.encodingProblem, undefined);
  assert.deepEqual(fine?.attributes.get('sn'), ['René']);
});

test('not XML: a CSV, an HTML page, a gzip, an empty file', async () => {
  const csv = await failure(await file('nom;prenom\nDupont;Jean\n', 'ENT_Complet_20260901_Eleve_0001.xml'));
  assert.equal(csv.error.message, "ENT_Complet_20260901_Eleve_0001.xml n'est pas un fichier XML (ligne 1).");
  assert.equal(csv.error.file, 'ENT_Complet_20260901_Eleve_0001.xml');
  assert.equal(csv.error.line, 1);
  const html = await failure(await file('<!DOCTYPE html>\n<html><body>Maintenance</body></html>'));
  assert.match(html.error.message, /n'est pas un fichier AAF : sa racine est <html> au lieu de <ficAlimMENESR> \(ligne 2\)\.$/);
  const gzip = await failure(await file(gzipSync(`${header()}</ficAlimMENESR>`)));
  assert.match(gzip.error.message, /archive \(gzip ou zip\)/);
  const empty = await failure(await file(''));
  assert.equal(empty.error.message, `Le fichier ${NAME} est vide.`);
  assert.equal(empty.error.line, null);
  const blank = await failure(await file('  \n\n'));
  assert.match(blank.error.message, /n'est pas un fichier XML/);
});

test('a missing file and an unsupported encoding', async () => {
  const missing = await failure(join(dir, 'absent.xml'));
  assert.equal(missing.error.message, 'Le fichier absent.xml est introuvable.');
  const ebcdic = await failure(await file(`${header('EBCDIC-CP-FR')}</ficAlimMENESR>`));
  assert.match(ebcdic.error.message, /encodé en « EBCDIC-CP-FR », non pris en charge/);
});

test('truncated in the middle of an entry: the entries before are yielded, then the file is refused', async () => {
  const whole = `${header()}${student('1', 'A')}${student('2', 'B')}</ficAlimMENESR>\n`;
  const { error, before } = await failure(await file(whole.slice(0, whole.indexOf('<value>B'))));
  assert.equal(error.message, `Fichier ${NAME} tronqué : il s'arrête au milieu d'une entrée (ligne 9).`);
  assert.equal(error.line, 9);
  assert.deepEqual(before.map((e) => e.id), ['1']);
  const { error: rootOpen } = await failure(await file(whole.slice(0, whole.indexOf('</ficAlimMENESR>'))));
  assert.match(rootOpen.message, /tronqué : il s'arrête avant la balise de fin <\/ficAlimMENESR>/);
});

test('a well-formedness error is a French sentence with the line and saxes detail', async () => {
  const { error } = await failure(await file(`${header()}${student('1', 'A')}<addRequest>\n<identifier><id>2</identifier>\n</addRequest></ficAlimMENESR>`));
  assert.equal(error.line, 10);
  assert.equal(error.message, `${NAME} n'est pas un XML bien formé : balise de fin inattendue (ligne 10 ; « unexpected close tag »).`);
});

test('a DOCTYPE with an internal subset is refused (no entity declarations)', async () => {
  const laughs = `<?xml version="1.0"?>\n<!DOCTYPE ficAlimMENESR [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;">\n]>\n<ficAlimMENESR>${student('1', '&lol2;')}</ficAlimMENESR>`;
  const { error, before } = await failure(await file(laughs));
  assert.equal(error.message, `${NAME} est refusé par sécurité : son DOCTYPE déclare des entités (ligne 5).`);
  assert.equal(before.length, 0);
  // A `[` inside the quoted system id is not a subset.
  assert.equal((await readAll(await file(`<!DOCTYPE ficAlimMENESR SYSTEM "a[1].dtd"><ficAlimMENESR/>`))).length, 0);
});

test('an entry bigger than maxEntryBytes refuses the file; so does a huge text outside entries', async () => {
  const big = `${header()}${student('1', 'A')}${student('2', 'x'.repeat(5000))}</ficAlimMENESR>`;
  const { error, before } = await failure(await file(big), { maxEntryBytes: 4096, highWaterMark: 1024 });
  assert.equal(error.message, `${NAME} est refusé par sécurité : il contient une entrée de plus de 4096 caractères (ligne 9).`);
  assert.deepEqual(before.map((e) => e.id), ['1']);
  assert.equal((await readAll(await file(big), { maxEntryBytes: 8192 })).length, 2);
  const junk = await failure(await file(`${header()}<other>${'y'.repeat(10_000)}</other></ficAlimMENESR>`), { maxEntryBytes: 4096, highWaterMark: 1024 });
  assert.match(junk.error.message, /plus de 4096 caractères de texte d'un seul tenant/);
});

test('only requests directly under the root are entries; unknown elements are ignored', async () => {
  const path = await file(
    `${header()}<other>${student('9', 'nested')}</other>\n${student('1', 'A')}<extra a="1"/>\n` +
      `<addRequest><identifier><id>2</id><note>n</note></identifier><attributes><attr name="sn"><value>B<b>bold</b></value></attr>` +
      `<attr><value>nameless</value></attr></attributes><other/></addRequest>\n</ficAlimMENESR>`,
  );
  const entries = await readAll(path);
  assert.deepEqual(entries.map((e) => e.id), ['1', '2']);
  assert.deepEqual(entries[1]?.attributes, new Map([['sn', ['B']]]));
});

test('line numbers of entries', async () => {
  const path = await file(`${header()}\n${student('1', 'A')}\n\n${student('2', 'B')}<deleteRequest><identifier><id>3</id></identifier></deleteRequest></ficAlimMENESR>`);
  assert.deepEqual((await readAll(path)).map((e) => e.line), [5, 12, 17]);
});

test('chunk boundaries inside multi-byte characters and entities change nothing', async () => {
  const utf8 = await file(`${header()}${student('1', 'Ç€&eacute;&apos;𝄞 ok')}${student('2', 'Ñ&hellip;')}</ficAlimMENESR>`, 'u.xml');
  const iso = await file(Buffer.from(`${header('ISO-8859-15')}${student('1', '\xe9\xa4&eacute;')}</ficAlimMENESR>`, 'latin1'), 'i.xml');
  const expected = [await readAll(utf8), await readAll(iso)];
  assert.deepEqual(expected[0]?.map((e) => e.attributes.get('sn')), [['Ç€é\'𝄞 ok'], ['Ñ…']]);
  assert.deepEqual(expected[1]?.[0]?.attributes.get('sn'), ['é€é']);
  for (const highWaterMark of [1, 2, 3, 5, 7]) {
    assert.deepEqual([await readAll(utf8, { highWaterMark }), await readAll(iso, { highWaterMark })], expected, `chunks of ${highWaterMark}`);
  }
});

test('progress is reported in bytes up to the file size', async () => {
  const path = await file(`${header()}${student('1', 'A')}${student('2', 'B')}</ficAlimMENESR>`);
  const calls: [number, number][] = [];
  await readAll(path, { highWaterMark: 64, onProgress: (read, total) => calls.push([read, total]) });
  const total = calls[0]?.[1] ?? 0;
  assert.ok(calls.length > 3);
  assert.deepEqual(calls.at(-1), [total, total]);
  assert.ok(calls.every(([read], i) => i === 0 || read >= (calls[i - 1]?.[0] ?? 0)));
});

test('the caller may stop early: the file is closed', { skip: !existsSync('/proc/self/fd') }, async () => {
  const path = await file(`${header()}${student('1', 'A')}${student('2', 'B')}</ficAlimMENESR>`);
  const fds = await readdir('/proc/self/fd');
  const isOpen = async () => (await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')))).includes(path);
  const entries = readAafEntries(path, { highWaterMark: 16 });
  assert.equal((await entries.next()).value?.id, '1');
  assert.equal(await isOpen(), true);
  await entries.return(undefined);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(await isOpen(), false);
});

test('real AAF fixtures', { skip: !existsSync(FIXTURES) }, async () => {
  const [pupil, ...others] = await readAll(join(FIXTURES, 'feeder-test-2020/ENT_Complet_20200101_Eleve_0000.xml'));
  assert.equal(others.length, 0);
  assert.equal(pupil?.category, 'Eleve');
  assert.equal(pupil?.id, '2000000');
  assert.equal(pupil?.line, 4);
  assert.deepEqual(pupil?.attributes.get('ENTEleveINE'), ['100000000AA']);
  assert.deepEqual(pupil?.attributes.get('ENTElevePersRelEleve'), ['2000000$10$1$1$1$1', '3000000$20$0$1$0$0']);
  assert.deepEqual(pupil?.attributes.get('ENTEleveDateSortieClasses'), ['']);

  const [school] = await readAll(join(FIXTURES, 'feeder-test-2020/ENT_Complet_20200101_EtabEducNat_0000.xml'));
  assert.equal(school?.category, 'EtabEducNat');
  assert.deepEqual(school?.attributes.get('ENTEtablissementMinistereTutelle'), ["MINISTERE DE L'EDUCATION NATIONALE"]);

  const staff = await readAll(join(FIXTURES, 'positions-before-2024/ENT2DVA-ENT16_Complet_20240916_PersEducNat_0000.xml'));
  assert.deepEqual(staff.map((e) => [e.file, e.line, e.id]), [
    ['ENT2DVA-ENT16_Complet_20240916_PersEducNat_0000.xml', 10, '314159'],
    ['ENT2DVA-ENT16_Complet_20240916_PersEducNat_0000.xml', 41, '314160'],
  ]);
  assert.deepEqual(staff[0]?.attributes.get('givenName'), ['Prénom AAAA']);
  assert.deepEqual(staff[0]?.attributes.get('ENTPersonFonctions'), [
    "43$DIR$DIRECTION$D0011$CHEF D'ETABLISSEMENT ADJOINT",
    '43$AEH$ACCOMPAGNEMENT$D0021$ACCOMPAGNEMENT ELEVES SITUATION HANDICAP',
  ]);
  assert.deepEqual(staff[1]?.attributes.get('ENTPersonFonctions'), ['43$ENS$ENSEIGNEMENT DEVANT ELEVES$G0170$ENSEIGNER EN SEGPA OU EREA']);
  assert.equal(staff.some((e) => e.encodingProblem), false);
});
