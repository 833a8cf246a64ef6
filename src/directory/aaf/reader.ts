// Streaming reader of AAF exports (ficAlimMENESR). Academy files are hundreds of MB: the file is read in chunks,
// decoded, fed to saxes, and only the entries one chunk completed are held before being yielded. Whatever makes
// the file as a whole untrustworthy (not XML, truncated, malformed…) throws AafFileError; the caller imports one
// file per transaction and rolls it back. A value that is not valid in the declared encoding only flags its entry.
import type { ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { AafEntry, AafOperation } from './entry.ts';
import { HTML_ENTITIES } from './html-entities.ts';

/** The whole file is refused; `line` is null when the problem is not at a place in the file (empty, unreadable). */
export class AafFileError extends Error {
  override name = 'AafFileError';
  constructor(message: string, readonly file: string, readonly line: number | null, options?: ErrorOptions) {
    super(message, options);
  }
}

export interface ReadAafOptions {
  /** Called after each chunk with the bytes read so far and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Safety limit on one entry (and on any stretch between two XML events), in characters; 1 MiB by default. */
  maxEntryBytes?: number;
  /** Read size, 64 KiB by default; tests use a few bytes to cut characters and entities across chunks. */
  highWaterMark?: number;
}

type ModificationOperation = NonNullable<AafEntry['modifications']> extends Map<string, infer O> ? O : never;

const MIB = 1024 * 1024;
const ROOT = 'ficAlimMENESR';
const REQUESTS = new Map<string, AafOperation>([['addRequest', 'add'], ['modifyRequest', 'modify'], ['deleteRequest', 'delete']]);
const OPERATIONS = new Map<string, ModificationOperation>([['replace', 'replace'], ['add', 'add'], ['delete', 'delete']]);
const CATEGORY_NAMES = new Set(['categoriePersonne', 'categorieStructure']);
// Nesting level of what the reader looks at, the root being 1: request, section, attr|id|modification, value.
const [REQUEST_LEVEL, SECTION_LEVEL, ATTR_LEVEL, VALUE_LEVEL] = [2, 3, 4, 5];
const [NO_SECTION, OPERATIONAL, IDENTIFIER, ATTRIBUTES, MODIFICATIONS] = [0, 1, 2, 3, 4];
const SECTIONS = new Map(Object.entries({ operationalAttributes: OPERATIONAL, identifier: IDENTIFIER, attributes: ATTRIBUTES, modifications: MODIFICATIONS }));
const XML_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

// The XML declaration is read from the first bytes, as Latin-1 (every encoding accepted is ASCII-compatible).
const HEAD_BYTES = 1024;
const DECLARED_ENCODING = /^<\?xml\s[^>]*?encoding\s*=\s*["']([^"']*)["']/;
// Declared name without `-` and `_` → WHATWG decoder (whose `latin1` is windows-1252, a superset of ISO-8859-1).
const DECODERS = new Map(Object.entries({
  utf8: 'utf-8', usascii: 'utf-8', ascii: 'utf-8', iso885915: 'iso-8859-15', latin9: 'iso-8859-15', l9: 'iso-8859-15',
  iso88591: 'latin1', latin1: 'latin1', l1: 'latin1', windows1252: 'latin1', cp1252: 'latin1',
}));

// saxes's commonest messages; the English text is kept in the sentence for whoever digs further.
const XML_ERRORS = Object.entries({
  'unexpected close tag': 'balise de fin inattendue', 'unmatched closing tag': 'balise de fin mal appariée',
  'text data outside of root node': "texte hors de l'élément racine", 'unexpected end': 'fin de fichier inattendue',
  'documents may contain only one root': 'plusieurs éléments racines', 'duplicate attribute': 'attribut en double',
  'malformed character entity': 'référence de caractère invalide', 'disallowed character': 'caractère interdit',
});

/** Holds the saxes parser and the entry being built; handlers are closures over it so saxes calls them directly. */
class EntryCollector {
  readonly parser = new SaxesParser<{ xmlns: false }>({ xmlns: false });
  pending: AafEntry[] = [];
  level = 0;
  rootSeen = false;
  entry: AafEntry | null = null;
  /** Position (characters) of the open entry's start, or of the last event outside entries: bounds memory. */
  mark = 0;
  section = NO_SECTION;
  attrName = '';
  values: string[] | null = null;
  operation: ModificationOperation = 'replace';
  /** Level of the `value` or `id` whose text is being gathered; -1 (never a level) when none. */
  captureLevel = -1;
  text = '';
  badEncoding = false;
  unknownEntity = '';

  constructor(readonly file: string, readonly maxChars: number) {
    const p = this.parser;
    // No prototype: `&constructor;` must be an unknown entity, not Object's property.
    const known: Record<string, string> = Object.assign(Object.create(null), XML_ENTITIES, HTML_ENTITIES);
    // Only reached for entities: remembers the name saxes's "undefined entity." does not give.
    p.ENTITIES = new Proxy(known, {
      get: (target, name: string) => {
        if (!(name in target)) this.unknownEntity = name;
        return target[name];
      },
    });
    p.on('error', (error) => {
      throw this.translate(error);
    });
    // An internal subset could declare entities (XXE, billion laughs): AAF files never have one.
    p.on('doctype', (doctype) => {
      if (doctype.replace(/"[^"]*"|'[^']*'/g, '').includes('[')) throw this.error(`${file} est refusé par sécurité : son DOCTYPE déclare des entités`);
    });
    p.on('opentag', (tag) => this.open(tag));
    p.on('closetag', () => this.close());
    const gather = (text: string): void => {
      if (this.level === this.captureLevel) this.text += text;
      else if (this.entry === null) this.mark = p.position;
    };
    p.on('text', gather);
    p.on('cdata', gather);
  }

  error(sentence: string, line = this.parser.line, detail = ''): AafFileError {
    return new AafFileError(`${sentence} (ligne ${line}${detail && ` ; « ${detail} »`}).`, this.file, line);
  }

  translate(error: Error): AafFileError {
    // saxes prefixes its messages with line:column, given here in the sentence.
    const detail = error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    if (detail === 'undefined entity') return this.error(`${this.file} contient l'entité inconnue « &${this.unknownEntity}; »`);
    if (!this.rootSeen) return this.error(`${this.file} n'est pas un fichier XML`);
    const french = XML_ERRORS.find(([english]) => detail.startsWith(english))?.[1] ?? 'syntaxe incorrecte';
    return this.error(`${this.file} n'est pas un XML bien formé : ${french}`, this.parser.line, detail);
  }

  open(tag: SaxesTagPlain): void {
    const level = ++this.level;
    if (this.entry === null) {
      this.mark = this.parser.position;
      if (level === 1) {
        if (tag.name !== ROOT) throw this.error(`${this.file} n'est pas un fichier AAF : sa racine est <${tag.name}> au lieu de <${ROOT}>`);
        this.rootSeen = true;
      } else if (level === REQUEST_LEVEL) {
        const operation = REQUESTS.get(tag.name);
        if (operation !== undefined) this.startEntry(operation);
      }
      return;
    }
    if (level === SECTION_LEVEL) {
      this.section = SECTIONS.get(tag.name) ?? NO_SECTION;
    } else if (level === ATTR_LEVEL) {
      if (this.section === IDENTIFIER) {
        if (tag.name === 'id') this.captureLevel = level;
      } else if (tag.name === (this.section === MODIFICATIONS ? 'modification' : 'attr') && this.section !== NO_SECTION) {
        this.startAttr(tag);
      }
    } else if (level === VALUE_LEVEL && this.values !== null && tag.name === 'value') {
      this.captureLevel = level;
    }
  }

  close(): void {
    const level = this.level--;
    const entry = this.entry;
    if (entry === null) {
      this.mark = this.parser.position;
    } else if (level === this.captureLevel) {
      const value = this.text.trim();
      this.text = '';
      this.captureLevel = -1;
      if (value.includes('\uFFFD')) this.badEncoding = true;
      if (level === VALUE_LEVEL) this.values?.push(value);
      else entry.id = value === '' ? null : value;
    } else if (level === ATTR_LEVEL) {
      if (this.values !== null) this.endAttr(entry, this.values);
    } else if (level === SECTION_LEVEL) {
      this.section = NO_SECTION;
    } else if (level === REQUEST_LEVEL) {
      this.endEntry(entry);
    }
  }

  startEntry(operation: AafOperation): void {
    this.entry = { operation, category: null, id: null, attributes: new Map(), file: this.file, line: this.parser.line };
    if (operation === 'modify') this.entry.modifications = new Map();
    this.badEncoding = false;
  }

  startAttr(tag: SaxesTagPlain): void {
    this.attrName = (tag.attributes.name ?? '').trim();
    this.values = [];
    if (this.attrName.includes('\uFFFD')) this.badEncoding = true;
    if (this.section !== MODIFICATIONS) return;
    const given = (tag.attributes.operation ?? 'replace').trim();
    const operation = OPERATIONS.get(given.toLowerCase());
    if (operation === undefined) throw this.error(`${this.file} contient une modification d'opération inconnue « ${given} »`);
    this.operation = operation;
  }

  endAttr(entry: AafEntry, values: string[]): void {
    const name = this.attrName;
    this.values = null;
    if (this.section === OPERATIONAL && CATEGORY_NAMES.has(name)) entry.category = values[0] || null;
    if (this.section === OPERATIONAL || name === '') return; // a nameless attr: nothing could address it
    const known = entry.attributes.get(name);
    if (known === undefined) entry.attributes.set(name, values);
    else known.push(...values);
    if (this.section === MODIFICATIONS) entry.modifications?.set(name, this.operation);
  }

  endEntry(entry: AafEntry): void {
    if (this.parser.position - this.mark > this.maxChars) throw this.tooBig(entry.line);
    if (this.badEncoding) entry.encodingProblem = true;
    this.pending.push(entry);
    this.entry = null;
    this.mark = this.parser.position;
  }

  tooBig(entryLine: number | null): AafFileError {
    const size = this.maxChars % MIB === 0 ? `${this.maxChars / MIB} Mio` : `${this.maxChars} caractères`;
    const what = entryLine === null ? `plus de ${size} de texte d'un seul tenant` : `une entrée de plus de ${size}`;
    return this.error(`${this.file} est refusé par sécurité : il contient ${what}`, entryLine ?? this.parser.line);
  }

  /** The file's error, if any, is returned rather than thrown so that the entries completed before it go out first. */
  attempt(step: () => void): AafFileError | null {
    try {
      step();
      return null;
    } catch (error) {
      if (error instanceof AafFileError) return error;
      throw error;
    }
  }

  write(text: string): AafFileError | null {
    return this.attempt(() => {
      if (text !== '') this.parser.write(text);
      // saxes accumulates a text node until its end: a file with no markup for gigabytes must not fill memory.
      if (this.parser.position - this.mark > this.maxChars) throw this.tooBig(this.entry?.line ?? null);
    });
  }

  finish(): AafFileError | null {
    const where = this.entry === null ? `avant la balise de fin </${ROOT}>` : "au milieu d'une entrée";
    if (this.level > 0) return this.error(`Fichier ${this.file} tronqué : il s'arrête ${where}`, this.entry?.line);
    return this.attempt(() => this.parser.close());
  }
}

function openDecoder(file: string, head: Buffer): TextDecoder {
  if ((head[0] === 0x1f && head[1] === 0x8b) || head.subarray(0, 4).toString('latin1') === 'PK\x03\x04') {
    throw new AafFileError(`${file} n'est pas un fichier XML mais une archive (gzip ou zip) : décompressez-la d'abord.`, file, null);
  }
  // A UTF-8 byte order mark wins over the declaration (the XML recommendation's order).
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const start = head.toString('latin1', bom ? 3 : 0);
  // Text first (a CSV, a log…): said at once, on line 1, rather than at the end of that text where saxes notices it.
  if (/^\s*[^<\s]/.test(start)) throw new AafFileError(`${file} n'est pas un fichier XML (ligne 1).`, file, 1);
  const declared = bom ? undefined : DECLARED_ENCODING.exec(start)?.[1];
  const decoder = declared === undefined ? 'utf-8' : DECODERS.get(declared.toLowerCase().replace(/[-_\s]/g, ''));
  if (decoder === undefined) {
    throw new AafFileError(`${file} est encodé en « ${declared} », non pris en charge : UTF-8 ou ISO-8859-15 attendu (ligne 1).`, file, 1);
  }
  // Not fatal: an undecodable byte becomes U+FFFD and flags its entry only. The UTF-8 BOM is dropped.
  return new TextDecoder(decoder, { fatal: false });
}

/** File-system errors (missing file, permissions…) become AafFileError too; anything else goes through. */
function readError(file: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return error;
  const message = code === 'ENOENT' ? `Le fichier ${file} est introuvable.` : `Le fichier ${file} ne peut pas être lu (${code}).`;
  return new AafFileError(message, file, null, { cause: error });
}

/** Reads an AAF file entry by entry; throws AafFileError when the file cannot be trusted (see the module comment). */
export async function* readAafEntries(path: string, options: ReadAafOptions = {}): AsyncGenerator<AafEntry> {
  const file = basename(path);
  const handle = await open(path).catch((error: unknown) => Promise.reject(readError(file, error)));
  let stream: ReadStream, totalBytes: number, decoder: TextDecoder;
  try {
    totalBytes = (await handle.stat()).size;
    if (totalBytes === 0) throw new AafFileError(`Le fichier ${file} est vide.`, file, null);
    // The declared encoding first (positional read: the stream below still starts at 0).
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
    decoder = openDecoder(file, buffer.subarray(0, bytesRead));
    stream = handle.createReadStream({ start: 0, highWaterMark: options.highWaterMark ?? 64 * 1024 });
  } catch (error) {
    await handle.close();
    throw readError(file, error);
  }
  const collector = new EntryCollector(file, options.maxEntryBytes ?? MIB);
  let bytesRead = 0;
  try {
    // The for-await closes the stream (and the file) on a throw or when the caller stops early.
    for await (const chunk of thenEnd(stream as AsyncIterable<Buffer>)) {
      bytesRead += chunk?.length ?? 0;
      // At the end (null), flush the decoder (a cut multi-byte character becomes U+FFFD), then check the document.
      const failure =
        chunk === null ? (collector.write(decoder.decode()) ?? collector.finish()) : collector.write(decoder.decode(chunk, { stream: true }));
      options.onProgress?.(bytesRead, totalBytes);
      const entries = collector.pending;
      collector.pending = [];
      for (const entry of entries) yield entry;
      if (failure !== null) throw failure;
    }
  } catch (error) {
    throw readError(file, error);
  }
}

async function* thenEnd(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer | null> {
  yield* chunks;
  yield null;
}
