// pdfkit's built-in fonts (Helvetica, Courier) encode text in WinAnsi: é è à ç ë œ Œ are there, but a name
// with ł or ș would print as garbage. Such letters fall back to their base letter (ł → l, ș → s) in PDFs only.

// The code points of Windows-1252 beyond Latin-1 (pdfkit's WIN_ANSI_MAP).
const EXTRA = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
]);
// Letters that NFD does not split into a base letter and a mark.
const FALLBACK: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H' };

function encodable(code: number): boolean {
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || EXTRA.has(code);
}

/** The text as pdfkit's standard fonts can print it; anything with no WinAnsi form becomes "?". */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.replace(/[\t\r\n]+/g, ' ')) {
    const code = char.codePointAt(0)!;
    if (encodable(code)) {
      out += char;
      continue;
    }
    const composed = char.normalize('NFC');
    if (composed.length === 1 && encodable(composed.codePointAt(0)!)) {
      out += composed;
      continue;
    }
    const base = FALLBACK[char] ?? char.normalize('NFD').replace(/\p{M}/gu, '');
    out += [...base].every((c) => encodable(c.codePointAt(0)!)) && base !== '' ? base : '?';
  }
  return out;
}
