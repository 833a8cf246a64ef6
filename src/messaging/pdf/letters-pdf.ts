// SPEC §4 (Re)notify "Par feuilles individuelles imprimables": one A4 page per letter, black on white,
// identifier and password large in Courier (8/B and 5/S stay distinct), a QR code to the login page.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { letterContent, type Block, type LetterContext } from '../letters/letter-content.ts';
import { textMeasures, useFont, type TextMeasures as Measures } from './text-measures.ts';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 56, right: 56, top: 44, bottom: 44 };
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
const QR_SIZE = 96;
const QR_CAPTION = 'Scannez pour ouvrir la page de connexion';
// Body sizes tried in turn until the letter fits its page; a long list of children costs a point or two.
const SIZES = [10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7, 6.5];

type Doc = PDFKit.PDFDocument;
type QrModules = QRCode.BitMatrix;

interface Style {
  size: number;
  /** At the smallest sizes, the children are listed on one line rather than one per line. */
  compactChildren: boolean;
}

/** SPEC §4 (Re)notify by sheets: the letters in print order, exactly one page each. */
export async function renderLettersPdf(letters: LetterContext[]): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    margins: { top: MARGIN.top, bottom: 8, left: MARGIN.left, right: MARGIN.right },
    lang: 'fr-FR',
    info: { Title: `Courriers – ${letters[0]?.realm.displayName ?? 'Guichet'}`, Creator: 'Guichet' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const m = textMeasures(doc);
  for (const ctx of letters) {
    // The QR code leads to the login page with the identifier filled in; a password never goes in it.
    if (ctx.provisionalPassword && ctx.loginUrl.includes(ctx.provisionalPassword)) {
      throw new Error('Le QR code ne doit jamais contenir le mot de passe.');
    }
    const qr = QRCode.create(ctx.loginUrl, { errorCorrectionLevel: 'M' }).modules;
    const { blocks, style } = fitting(m, letterContent(ctx).blocks);
    doc.addPage({ size: 'A4', margins: { top: MARGIN.top, bottom: 8, left: MARGIN.left, right: MARGIN.right } });
    // Everything on the sheet is black: set once per page, not before every line.
    doc.fillColor('black');
    layout(m, blocks, qr, style);
  }
  if (letters.length === 0) doc.addPage(); // a PDF needs a page; an empty batch is not an error
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The largest size at which the letter fits; failing that, children on one line; failing that, fewer names. */
function fitting(m: Measures, blocks: Block[]): { blocks: Block[]; style: Style } {
  for (const compactChildren of [false, true]) {
    for (const size of SIZES) {
      const style = { size, compactChildren };
      if (layout(m, blocks, null, style) <= BOTTOM) return { blocks, style };
    }
  }
  // Dozens of children on one account: the page names as many as it holds and counts the others.
  const style = { size: SIZES[SIZES.length - 1]!, compactChildren: true };
  const fits = (n: number) => layout(m, shortenChildren(blocks, n), null, style) <= BOTTOM;
  let low = 0;
  let high = Math.max(0, ...blocks.map((b) => (b.kind === 'children' ? b.names.length : 0)));
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return { blocks: shortenChildren(blocks, low), style };
}

function shortenChildren(blocks: Block[], keep: number): Block[] {
  return blocks.map((b) => {
    if (b.kind !== 'children' || b.names.length <= keep) return b;
    const others = b.names.length - keep;
    return { ...b, names: [...b.names.slice(0, keep), `et ${others} autre${others > 1 ? 's' : ''} enfant${others > 1 ? 's' : ''}`] };
  });
}

/** Lays the letter out from the top of the page and returns where it ends; draws only when given the QR code. */
function layout(m: Measures, blocks: Block[], qr: QrModules | null, style: Style): number {
  const { doc } = m;
  const draw = qr !== null;
  const { size } = style;
  const gap = size * 0.75;
  let y = MARGIN.top;

  const text = (value: string, font: string, fontSize: number, x = MARGIN.left, width = WIDTH) => {
    const printable = m.printable(value);
    const opts = { width, lineGap: fontSize * 0.2 };
    const height = m.height(printable, font, fontSize, opts);
    if (draw) useFont(doc, font, fontSize).text(printable, x, y, opts);
    y += height;
  };

  for (const block of blocks) {
    switch (block.kind) {
      case 'letterhead':
        text(block.realm, 'Helvetica-Bold', 18);
        y += 2;
        text(block.establishment, 'Helvetica', 10);
        y += 6;
        if (draw) doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + WIDTH, y).lineWidth(1).strokeColor('black').stroke();
        y += 14;
        continue;
      case 'addressee':
        text(block.text, 'Helvetica-Bold', size);
        break;
      case 'title':
        text(block.text, 'Helvetica-Bold', size + 2);
        break;
      case 'paragraph':
        // On paper an address goes on a line of its own, never broken after "http://".
        text(block.text.trimEnd(), 'Helvetica', size);
        if (block.link) text(block.link, 'Helvetica', size);
        break;
      case 'link':
        text(block.url, 'Helvetica', size);
        break;
      case 'children': {
        const names = block.names.map((name, i) => `${name}${block.colon && i === block.names.length - 1 ? ' :' : ''}`);
        if (style.compactChildren) text(names.join(', '), 'Helvetica', size, MARGIN.left + 18, WIDTH - 18);
        else for (const name of names) text(`–  ${name}`, 'Helvetica', size, MARGIN.left + 18, WIDTH - 18);
        break;
      }
      case 'credentials':
        y = credentials(m, block, y, size, qr);
        break;
      case 'signature':
        text(block.text, 'Helvetica', size);
        break;
      case 'separator':
        y += gap / 2;
        if (draw) doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + WIDTH, y).lineWidth(0.75).dash(3, { space: 3 }).strokeColor('black').stroke().undash();
        y += gap / 2;
        break;
      case 'steps':
        text(block.title, 'Helvetica-Bold', size);
        y += gap / 2;
        text(block.intro, 'Helvetica', size);
        for (const item of block.items) {
          y += gap / 2;
          text(item, 'Helvetica', size);
        }
        break;
    }
    y += gap;
  }
  return y;
}

/** The boxed identifier and password, with the QR code and its caption on the right. */
function credentials(m: Measures, block: Extract<Block, { kind: 'credentials' }>, top: number, size: number, qr: QrModules | null): number {
  const { doc } = m;
  const draw = qr !== null;
  const boxWidth = WIDTH - QR_SIZE - 16;
  const padding = 10;
  const labelWidth = Math.max(...block.lines.map((l) => m.width(m.printable(`${l.label} :`), 'Helvetica', size))) + 8;
  const valueWidth = boxWidth - 2 * padding - labelWidth;
  const lineHeight = 24;
  let y = top + padding;
  for (const line of block.lines) {
    const value = m.printable(line.value);
    // Large, but a long identifier (nomp@eduprovence.fr) still fits on its line.
    let valueSize = 17;
    while (valueSize > 9 && m.width(value, 'Courier-Bold', valueSize) > valueWidth) valueSize -= 0.5;
    if (draw) {
      useFont(doc, 'Helvetica', size).text(m.printable(`${line.label} :`), MARGIN.left + padding, y + (lineHeight - size) / 2, { width: labelWidth, lineBreak: false });
      useFont(doc, 'Courier-Bold', valueSize).text(value, MARGIN.left + padding + labelWidth, y + (lineHeight - valueSize) / 2, { width: valueWidth, lineBreak: false });
    }
    y += lineHeight;
  }
  const boxHeight = y + padding - top;
  if (draw) doc.rect(MARGIN.left, top, boxWidth, boxHeight).lineWidth(1.5).strokeColor('black').stroke();
  y = top + boxHeight;
  if (block.note) {
    y += 4;
    const note = m.printable(block.note);
    const h = m.height(note, 'Helvetica-Oblique', size - 1, { width: boxWidth });
    if (draw) useFont(doc, 'Helvetica-Oblique', size - 1).text(note, MARGIN.left, y, { width: boxWidth });
    y += h;
  }
  const qrX = MARGIN.left + WIDTH - QR_SIZE;
  const captionHeight = m.height(QR_CAPTION, 'Helvetica', 7.5, { width: QR_SIZE, align: 'center' });
  if (qr) {
    drawQr(doc, qr, qrX, top);
    useFont(doc, 'Helvetica', 7.5).text(QR_CAPTION, qrX, top + QR_SIZE + 2, { width: QR_SIZE, align: 'center' });
  }
  return Math.max(y, top + QR_SIZE + 2 + captionHeight);
}

/**
 * The QR code as vector squares (one rectangle per run of dark modules): sharp at any printer resolution. The
 * path is written in module units under one transform and handed to pdfkit in one piece: a few hundred short
 * rectangles per page rather than as many calls with page coordinates.
 */
function drawQr(doc: Doc, modules: QrModules, x: number, y: number): void {
  const quiet = 1; // a one-module white margin inside the drawn square
  const cell = QR_SIZE / (modules.size + 2 * quiet);
  // A hair of overlap (0.05 pt) so that no white seam shows between neighbouring squares.
  const overlap = 0.05 / cell;
  const height = pdfNumber(1 + overlap);
  const widths: string[] = [];
  const path: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      const width = (widths[col - start] ??= pdfNumber(col - start + overlap));
      path.push(`${start} ${row} ${width} ${height} re`);
    }
  }
  doc.save().transform(cell, 0, 0, cell, x + quiet * cell, y + quiet * cell);
  doc.addContent(path.join('\n'));
  doc.fillColor('black').fill().restore();
}

/** A number as pdfkit writes one in a content stream (at most six decimals). */
function pdfNumber(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}
