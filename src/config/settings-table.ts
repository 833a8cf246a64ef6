// The README's settings table, generated from SETTING_DOCS; `npm run docs:settings` prints it.
import { SETTING_DOCS } from './settings.ts';

export function settingsTable(): string {
  const rows = SETTING_DOCS.map((d) => `| \`${d.env}\` | ${d.default.startsWith('(') ? d.default : `\`${d.default}\``} | ${d.description} |`);
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
