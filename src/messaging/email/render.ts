// An e-mail from a letter: a readable text part and an HTML part escaped by Preact (names come from the
// directory and are never trusted as markup). No styles, no images: the message reads the same everywhere.
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Block, LetterContent } from '../letters/letter-blocks.ts';
import { letterText } from '../letters/letter-text.ts';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** SPEC §4 Letters: the parts of C02, C04, C06 and C07 (a sheet renders too, under its title). */
export function renderEmail(content: LetterContent): RenderedEmail {
  const subject = content.subject ?? titleOf(content) ?? '';
  const document = h(
    'html',
    { lang: 'fr' },
    h('head', null, h('meta', { charSet: 'utf-8' }), h('title', null, subject)),
    h('body', null, ...content.blocks.map(blockHtml)),
  );
  return { subject, text: letterText(content), html: `<!doctype html>${renderToString(document)}` };
}

function titleOf(content: LetterContent): string | undefined {
  return content.blocks.find((b): b is Extract<Block, { kind: 'title' }> => b.kind === 'title')?.text;
}

function anchor(url: string): VNode<any> {
  // Our own addresses only reach here; anything but http(s) still shows as text, never as a link.
  return /^https?:\/\//i.test(url) ? h('a', { href: url }, url) : h('span', null, url);
}

function blockHtml(block: Block): VNode<any> {
  switch (block.kind) {
    case 'letterhead':
      return h('p', null, h('strong', null, block.realm), h('br', null), block.establishment);
    case 'addressee':
      return h('p', null, block.text);
    case 'title':
      return h('h1', null, block.text);
    case 'paragraph':
      return h('p', null, block.text, block.link ? anchor(block.link) : null);
    case 'link':
      return h('p', null, anchor(block.url));
    case 'children':
      return h(
        'ul',
        null,
        block.names.map((name, i) => h('li', null, `${name}${block.colon && i === block.names.length - 1 ? ' :' : ''}`)),
      );
    case 'credentials':
      return h(
        'div',
        null,
        ...block.lines.map((l) => h('p', null, `${l.label} : `, h('strong', null, h('code', null, l.value)))),
        block.note ? h('p', null, h('small', null, block.note)) : null,
      );
    case 'signature':
      return h('p', null, block.text);
    case 'separator':
      return h('hr', null);
    case 'steps':
      return h('div', null, h('h2', null, block.title), h('p', null, block.intro), ...block.items.map((item) => h('p', null, item)));
  }
}
