// SPEC §4 Lister les comptes (guide §5.4), PDF: A4 landscape, the establishment, a table whose header repeats
// on every page, passwords in Courier (8/B and 5/S stay distinct), the footnote and the page number on each page.
import PDFDocument from 'pdfkit';
import { toWinAnsi } from '../../messaging/pdf/win-ansi.ts';
import type { ListLine } from './list-csv.ts';

type Doc = PDFKit.PDFDocument;

const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = { left: 36, right: 36, top: 36, bottom: 36 };
const FOOTER_HEIGHT = 34; // the footnote and the page number
const TABLE_BOTTOM = PAGE.height - MARGIN.bottom - FOOTER_HEIGHT;
const SIZE = 8.5;
const PAD = 3;

const COLUMNS: ReadonlyArray<{ title: string; width: number; key: keyof ListLine; mono?: boolean }> = [
  { title: 'Nom élève', width: 96, key: 'studentLastName' },
  { title: 'Prénom élève', width: 84, key: 'studentFirstName' },
  { title: 'Niveau', width: 86, key: 'level' },
  { title: 'Classe', width: 140, key: 'className' },
  { title: 'Nom', width: 96, key: 'guardianLastName' },
  { title: 'Prénom', width: 84, key: 'guardianFirstName' },
  { title: 'Identifiant', width: 106, key: 'identifier' },
  { title: 'Mot de passe *', width: 77.89, key: 'password', mono: true },
];

export const LIST_PDF_FOOTNOTE =
  "* Seuls les mots de passe provisoires sont affichés, le mot de passe choisi par le responsable lors de l'activation de son compte est masqué.";

export interface ListPdfHeading {
  uai: string;
  name: string;
  /** JJ/MM/AAAA, Paris time. */
  createdOn: string;
  realmName: string;
  createdAt: Date;
}

/** SPEC §4 Lister les comptes: the list as a PDF, in the order given. */
export async function listPdf(heading: ListPdfHeading, lines: readonly ListLine[]): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { ...MARGIN, bottom: 0 }, // the footer is drawn inside the bottom margin by hand
    bufferPages: true,
    lang: 'fr-FR',
    info: { Title: `Liste des responsables – ${heading.uai}`, Creator: heading.realmName, CreationDate: heading.createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  let y = drawHeading(doc, heading);
  y = drawHeaderRow(doc, y);
  for (const line of lines) {
    const height = rowHeight(doc, line);
    if (y + height > TABLE_BOTTOM) {
      doc.addPage();
      y = drawHeaderRow(doc, MARGIN.top);
    }
    drawRow(doc, line, y, height);
    y += height;
  }
  drawFooters(doc);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

function write(doc: Doc, value: string, x: number, y: number, width: number, font: string, size = SIZE): void {
  doc.font(font).fontSize(size).text(toWinAnsi(value), x, y, { width, lineBreak: true });
}

function drawHeading(doc: Doc, heading: ListPdfHeading): number {
  const width = PAGE.width - MARGIN.left - MARGIN.right;
  write(doc, `Date de création : ${heading.createdOn}`, MARGIN.left, MARGIN.top, width, 'Helvetica', 10);
  write(doc, `Ecole : ${heading.uai} - ${heading.name}`, MARGIN.left, doc.y + 4, width, 'Helvetica-Bold', 11);
  write(doc, 'Liste des responsables :', MARGIN.left, doc.y + 10, width, 'Helvetica-Bold', 11);
  return doc.y + 6;
}

function cellHeight(doc: Doc, value: string, width: number, font: string): number {
  return doc.font(font).fontSize(SIZE).heightOfString(toWinAnsi(value) || ' ', { width: width - 2 * PAD });
}

function rowHeight(doc: Doc, line: ListLine): number {
  return Math.max(...COLUMNS.map((c) => cellHeight(doc, line[c.key], c.width, c.mono ? 'Courier' : 'Helvetica'))) + 2 * PAD;
}

function drawCells(doc: Doc, values: readonly string[], fonts: readonly string[], y: number, height: number, fill?: string): void {
  let x = MARGIN.left;
  COLUMNS.forEach((column, i) => {
    if (fill) doc.rect(x, y, column.width, height).fillAndStroke(fill, '#808080');
    else doc.rect(x, y, column.width, height).lineWidth(0.5).stroke('#808080');
    doc.fillColor('#000000');
    write(doc, values[i]!, x + PAD, y + PAD, column.width - 2 * PAD, fonts[i]!);
    x += column.width;
  });
}

function drawHeaderRow(doc: Doc, y: number): number {
  const height = Math.max(...COLUMNS.map((c) => cellHeight(doc, c.title, c.width, 'Helvetica-Bold'))) + 2 * PAD;
  drawCells(doc, COLUMNS.map((c) => c.title), COLUMNS.map(() => 'Helvetica-Bold'), y, height, '#e6e6e6');
  return y + height;
}

function drawRow(doc: Doc, line: ListLine, y: number, height: number): void {
  drawCells(doc, COLUMNS.map((c) => line[c.key]), COLUMNS.map((c) => (c.mono ? 'Courier' : 'Helvetica')), y, height);
}

function drawFooters(doc: Doc): void {
  const range = doc.bufferedPageRange();
  const width = PAGE.width - MARGIN.left - MARGIN.right;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const top = PAGE.height - MARGIN.bottom - FOOTER_HEIGHT + 6;
    write(doc, LIST_PDF_FOOTNOTE, MARGIN.left, top, width, 'Helvetica-Oblique', 8);
    doc.font('Helvetica').fontSize(8).text(`Page ${i + 1} / ${range.count}`, MARGIN.left, top + 16, { width, align: 'right' });
  }
}
