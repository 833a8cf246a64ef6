// The plain-text form of a letter: the text part of e-mails, the dev mailbox, and what tests read.
import type { Block, LetterContent } from './letter-blocks.ts';

const RULE = '----------------------------------------';

/** One block per paragraph, a blank line between them; lists and credentials indented. */
export function letterText(content: LetterContent): string {
  return `${content.blocks.map(blockText).join('\n\n')}\n`;
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'letterhead':
      return `${block.realm}\n${block.establishment}`;
    case 'addressee':
    case 'title':
    case 'signature':
      return block.text;
    case 'paragraph':
      return block.link ? `${block.text}${block.link}` : block.text;
    case 'link':
      return block.url;
    case 'children':
      return block.names.map((name, i) => `  - ${name}${block.colon && i === block.names.length - 1 ? ' :' : ''}`).join('\n');
    case 'credentials':
      return [...block.lines.map((l) => `    ${l.label} : ${l.value}`), ...(block.note ? [`    ${block.note}`] : [])].join('\n');
    case 'separator':
      return RULE;
    case 'steps':
      return [block.title, block.intro, ...block.items].join('\n\n');
  }
}
