// SPEC §4 (Re)notify "Par feuilles individuelles imprimables": one A4 page per letter, black on white,
// identifier and password large in Courier (8/B and 5/S stay distinct), a QR code to the login page.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { letterContent, type Block, type LetterContext } from '../letters/letter-content.ts';
import { toWinAnsi } from './win-ansi.ts';

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
  for (const ctx of letters) {
    // The QR code leads to the login page with the identifier filled in; a password never goes in it.
    if (ctx.provisionalPassword && ctx.loginUrl.includes(ctx.provisionalPassword)) {
      throw new Error('Le QR code ne doit jamais contenir le mot de passe.');
    }
    const qr = QRCode.create(ctx.loginUrl, { errorCorrectionLevel: 'M' }).modules;
    const { blocks, style } = fitting(doc, letterContent(ctx).blocks);
    doc.addPage({ size: 'A4', margins: { top: MARGIN.top, bottom: 8, left: MARGIN.left, right: MARGIN.right } });
    layout(doc, blocks, qr, style);
  }
  if (letters.length === 0) doc.addPage(); // a PDF needs a page; an empty batch is not an error
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The largest size at which the letter fits; failing that, children on one line; failing that, fewer names. */
function fitting(doc: Doc, blocks: Block[]): { blocks: Block[]; style: Style } {
  for (const compactChildren of [false, true]) {
    for (const size of SIZES) {
      const style = { size, compactChildren };
      if (layout(doc, blocks, null, style) <= BOTTOM) return { blocks, style };
    }
  }
  // Dozens of children on one account: the page names as many as it holds and counts the others.
  const style = { size: SIZES[SIZES.length - 1]!, compactChildren: true };
  const fits = (n: number) => layout(doc, shortenChildren(blocks, n), null, style) <= BOTTOM;
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
function layout(doc: Doc, blocks: Block[], qr: QrModules | null, style: Style): number {
  const draw = qr !== null;
  const { size } = style;
  const gap = size * 0.75;
  let y = MARGIN.top;

  const text = (value: string, font: string, fontSize: number, options: PDFKit.Mixins.TextOptions = {}, x = MARGIN.left, width = WIDTH) => {
    const printable = toWinAnsi(value);
    doc.font(font).fontSize(fontSize);
    const opts = { width, lineGap: fontSize * 0.2, ...options };
    const height = doc.heightOfString(printable, opts);
    if (draw) doc.fillColor('black').text(printable, x, y, opts);
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
        if (style.compactChildren) text(names.join(', '), 'Helvetica', size, {}, MARGIN.left + 18, WIDTH - 18);
        else for (const name of names) text(`–  ${name}`, 'Helvetica', size, {}, MARGIN.left + 18, WIDTH - 18);
        break;
      }
      case 'credentials':
        y = credentials(doc, block, y, size, qr);
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
function credentials(doc: Doc, block: Extract<Block, { kind: 'credentials' }>, top: number, size: number, qr: QrModules | null): number {
  const draw = qr !== null;
  const boxWidth = WIDTH - QR_SIZE - 16;
  const padding = 10;
  const labelWidth = Math.max(...block.lines.map((l) => doc.font('Helvetica').fontSize(size).widthOfString(toWinAnsi(`${l.label} :`)))) + 8;
  const valueWidth = boxWidth - 2 * padding - labelWidth;
  const lineHeight = 24;
  let y = top + padding;
  for (const line of block.lines) {
    const value = toWinAnsi(line.value);
    // Large, but a long identifier (nomp@eduprovence.fr) still fits on its line.
    let valueSize = 17;
    while (valueSize > 9 && doc.font('Courier-Bold').fontSize(valueSize).widthOfString(value) > valueWidth) valueSize -= 0.5;
    if (draw) {
      doc.font('Helvetica').fontSize(size).fillColor('black');
      doc.text(toWinAnsi(`${line.label} :`), MARGIN.left + padding, y + (lineHeight - size) / 2, { width: labelWidth, lineBreak: false });
      doc.font('Courier-Bold').fontSize(valueSize);
      doc.text(value, MARGIN.left + padding + labelWidth, y + (lineHeight - valueSize) / 2, { width: valueWidth, lineBreak: false });
    }
    y += lineHeight;
  }
  const boxHeight = y + padding - top;
  if (draw) doc.rect(MARGIN.left, top, boxWidth, boxHeight).lineWidth(1.5).strokeColor('black').stroke();
  y = top + boxHeight;
  if (block.note) {
    y += 4;
    const note = toWinAnsi(block.note);
    doc.font('Helvetica-Oblique').fontSize(size - 1);
    const h = doc.heightOfString(note, { width: boxWidth });
    if (draw) doc.text(note, MARGIN.left, y, { width: boxWidth });
    y += h;
  }
  const qrX = MARGIN.left + WIDTH - QR_SIZE;
  doc.font('Helvetica').fontSize(7.5);
  const captionHeight = doc.heightOfString(QR_CAPTION, { width: QR_SIZE, align: 'center' });
  if (qr) {
    drawQr(doc, qr, qrX, top);
    doc.text(QR_CAPTION, qrX, top + QR_SIZE + 2, { width: QR_SIZE, align: 'center' });
  }
  return Math.max(y, top + QR_SIZE + 2 + captionHeight);
}

/** The QR code as vector squares (one rectangle per run of dark modules): sharp at any printer resolution. */
function drawQr(doc: Doc, modules: QrModules, x: number, y: number): void {
  const quiet = 1; // a one-module white margin inside the drawn square
  const cell = QR_SIZE / (modules.size + 2 * quiet);
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      // A hair of overlap so that no white seam shows between neighbouring squares.
      doc.rect(x + (start + quiet) * cell, y + (row + quiet) * cell, (col - start) * cell + 0.05, cell + 0.05);
    }
  }
  doc.fillColor('black').fill();
}
