// A batch of 2,000 sheets lays each letter out up to a dozen times (each size tried, then drawn) and repeats
// the same sentences on every page. With pdfkit's standard fonts a text's height, a string's width and a
// line's glyph encoding depend only on the font, the size, the options and the text: each is computed once
// per PDF and read back after. The pages' content is the same, byte for byte, as without these memos.
import { toWinAnsi } from './win-ansi.ts';

type Doc = PDFKit.PDFDocument;
export type TextOptions = PDFKit.Mixins.TextOptions & { width: number };

export interface TextMeasures {
  doc: Doc;
  /** The text as the standard fonts print it (toWinAnsi). */
  printable(text: string): string;
  /** doc.heightOfString in that font and size. */
  height(text: string, font: string, size: number, options: TextOptions): number;
  /** doc.widthOfString in that font and size. */
  width(text: string, font: string, size: number): number;
}

/** The measures of one document; also memoizes what pdfkit measures and encodes itself while it wraps and draws. */
export function textMeasures(doc: Doc): TextMeasures {
  memoizeWordWidths(doc);
  const printables = new Map<string, string>();
  const heights = new Map<string, number>();
  const widths = new Map<string, number>();
  return {
    doc,
    printable(text) {
      let value = printables.get(text);
      if (value === undefined) printables.set(text, (value = toWinAnsi(text)));
      return value;
    },
    height(text, font, size, options) {
      const key = `${font}\0${size}\0${options.width}\0${options.lineGap ?? ''}\0${options.align ?? ''}\0${text}`;
      let value = heights.get(key);
      if (value === undefined) heights.set(key, (value = useFont(doc, font, size).heightOfString(text, options)));
      return value;
    },
    width(text, font, size) {
      const key = `${font}\0${size}\0${text}`;
      let value = widths.get(key);
      if (value === undefined) widths.set(key, (value = useFont(doc, font, size).widthOfString(text)));
      return value;
    },
  };
}

/** Selects the font and size, and memoizes the font's encoding of a line (pdfkit encodes every line it draws). */
export function useFont(doc: Doc, font: string, size: number): Doc {
  doc.font(font).fontSize(size);
  const current = (doc as unknown as { _font?: FontLike })._font;
  if (current && typeof current.encode === 'function' && !memoizedFonts.has(current)) {
    memoizedFonts.add(current);
    const encode = current.encode.bind(current);
    const encoded = new Map<string, unknown>();
    // pdfkit only reads the arrays encode returns (no word spacing, no OpenType features with these fonts).
    current.encode = (text: string, features?: unknown) => {
      if (features !== undefined) return encode(text, features);
      let value = encoded.get(text);
      if (value === undefined) encoded.set(text, (value = encode(text)));
      return value;
    };
  }
  return doc;
}

interface FontLike {
  encode(text: string, features?: unknown): unknown;
}

const memoizedFonts = new WeakSet<FontLike>();

/**
 * pdfkit's line wrapper measures every word of every line it wraps, kerning pairs included; the same words
 * come back on every page. Their widths are kept per font and size (read from pdfkit's current font).
 */
function memoizeWordWidths(doc: Doc): void {
  const state = doc as unknown as { _font?: { name?: string }; _fontSize?: number };
  const widthOf = doc.widthOfString.bind(doc);
  const widths = new Map<string, number>();
  doc.widthOfString = (text: string, options?: PDFKit.Mixins.TextOptions) => {
    const fontName = state._font?.name;
    const spacing = options as { characterSpacing?: number; horizontalScaling?: number; features?: unknown } | undefined;
    const plain = !spacing || (!spacing.characterSpacing && (spacing.horizontalScaling ?? 100) === 100 && spacing.features === undefined);
    if (typeof fontName !== 'string' || typeof state._fontSize !== 'number' || !plain) return widthOf(text, options);
    const key = `${fontName}\0${state._fontSize}\0${text}`;
    let value = widths.get(key);
    if (value === undefined) widths.set(key, (value = widthOf(text, options)));
    return value;
  };
}
