// The sheets of SPEC §4: one page per letter, the annex's texts, the credentials and the QR code's caption.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pdfParse from 'pdf-parse/lib/pdf-parse.js';
import { annexExample } from '../letters/annex-example.ts';
import { renderLettersPdf } from './letters-pdf.ts';
import { toWinAnsi } from './win-ansi.ts';

// pdf.js reads the buffer's whole ArrayBuffer: hand it an unshared copy, as Buffer.concat may return a pooled slice.
async function pdfText(pdf: Buffer): Promise<{ pages: string[]; numpages: number }> {
  const pages: string[] = [];
  const result = await pdfParse(new Uint8Array(pdf) as unknown as Buffer, {
    pagerender: async (page: { getTextContent(): Promise<{ items: Array<{ str: string }> }> }) => {
      const content = await page.getTextContent();
      const text = content.items.map((i) => i.str).join(' ').replace(/\s+/g, ' ');
      pages.push(text);
      return text;
    },
  });
  return { pages, numpages: result.numpages };
}

test('one A4 page per letter, with the texts, the credentials and the QR caption', async () => {
  const pdf = await renderLettersPdf([annexExample('C01'), annexExample('C03'), annexExample('C05')]);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const { pages, numpages } = await pdfText(pdf);
  assert.equal(numpages, 3);
  const [c01, c03, c05] = pages as [string, string, string];
  assert.match(c01, /EduConnect/);
  assert.match(c01, /Ecole : 0311478N - CHARLEMAGNE/);
  assert.match(c01, /A l'attention de Jean DUPONT\./);
  assert.match(c01, /Maël DUPONT/);
  assert.match(c01, /celine\.dupont114/);
  assert.match(c01, /BUNZ57DM/);
  assert.match(c01, /première connexion/);
  assert.match(c01, /Scannez pour ouvrir la page de connexion/);
  assert.match(c03, /Votre mot de passe est inchangé\./);
  assert.doesNotMatch(c03, /BUNZ57DM/);
  assert.match(c05, /prochaine connexion/);
  assert.match(c05, /BUNZ57DM/);
  assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/);
});

test('a letter with many children still fits on its one page', async () => {
  const children = Array.from({ length: 14 }, (_, i) => ({ firstName: `Enfant${i + 1}`, lastName: 'Dupont-Delacroix-Martin' }));
  const pdf = await renderLettersPdf([annexExample('C01', { children }), annexExample('C05', { children: children.concat(children, children) })]);
  const { pages, numpages } = await pdfText(pdf);
  assert.equal(numpages, 2);
  assert.match(pages[0]!, /Enfant14 DUPONT-DELACROIX-MARTIN/);
  assert.match(pages[0]!, /BUNZ57DM/);
  assert.match(pages[1]!, /BUNZ57DM/);
});

test('an account with hundreds of children still gets one page, naming as many as it holds', async () => {
  const children = Array.from({ length: 300 }, (_, i) => ({ firstName: `Enfant${i + 1}`, lastName: 'Dupont-Delacroix-Martin' }));
  const { pages, numpages } = await pdfText(await renderLettersPdf([annexExample('C01', { children })]));
  assert.equal(numpages, 1);
  assert.match(pages[0]!, /Enfant1 DUPONT-DELACROIX-MARTIN/);
  assert.match(pages[0]!, /et \d+ autres enfants/);
  assert.match(pages[0]!, /BUNZ57DM/);
});

test('French letters print, œ included; letters outside WinAnsi fall back to their base letter', async () => {
  assert.equal(toWinAnsi('Cœur Œdipe Éloïse Maël'), 'Cœur Œdipe Éloïse Maël');
  assert.equal(toWinAnsi('Łukasz Ștefan Đorđe'), 'Lukasz Stefan Dorde');
  assert.equal(toWinAnsi('李'), '?');
  const pdf = await renderLettersPdf([annexExample('C01', { recipient: { firstName: 'Bénédicte', lastName: 'Lebœuf' } })]);
  const { pages } = await pdfText(pdf);
  assert.match(pages[0]!, /Bénédicte LEBŒUF/);
});

test('the QR code never carries the password', async () => {
  await assert.rejects(renderLettersPdf([annexExample('C01', { loginUrl: 'http://localhost:3000/?p=BUNZ57DM' })]), /QR code/);
});
