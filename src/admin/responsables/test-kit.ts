// For the Responsables tests: a demo academy, signed-in admins, and what a browser does with our pages
// (choose an establishment, submit a confirmation page, download a file). Not a test file itself.
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import pdfParse from 'pdf-parse/lib/pdf-parse.js';
import { accounts, establishments } from '../../db/schema.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { createOutboxQueue } from '../../messaging/outbox.ts';
import { signedInAdmin, type AdminAgent } from '../../../test/helpers/admin.ts';
import { testInstance, type TestInstance } from '../../../test/helpers/test-instance.ts';
import type { AdminDeps } from '../deps.ts';

export const ECOLE = '0990101X';
export const COLLEGE_PUBLIC = '0990202G';
export const COLLEGE_PRIVE = '0990303S';

/** A test instance with the demo academy and the outbox queue that e-mails go through. */
export async function demoInstance(): Promise<TestInstance> {
  const g = await testInstance();
  await seedDemo(g.deps);
  await createOutboxQueue(g.boss);
  return g;
}

export function adminDeps(g: TestInstance): AdminDeps {
  return { ...g.deps, accounts: g.accounts, boss: g.boss, issuer: g.settings.issuer };
}

export async function establishmentId(g: TestInstance, uai: string): Promise<number> {
  const [row] = await g.database.db.select({ id: establishments.id }).from(establishments).where(eq(establishments.uai, uai));
  return row!.id;
}

export async function accountOf(g: TestInstance, identifier: string) {
  const row = await g.database.db.query.accounts.findFirst({ where: eq(accounts.identifier, identifier) });
  assert.ok(row, `no account ${identifier}`);
  return row;
}

/** directeur.demo (two establishments) with `uai` chosen; directrice.demo has her one establishment at once. */
export async function adminOf(g: TestInstance, login: 'directeur.demo' | 'directrice.demo', uai?: string): Promise<AdminAgent> {
  const agent = await signedInAdmin(g, login);
  if (uai) {
    const chosen = await agent.post('/admin/etablissement', { establishmentId: String(await establishmentId(g, uai)), _csrf: await agent.csrf() });
    assert.equal(chosen.status, 303);
  }
  return agent;
}

/** The fields of the first form posting to `action`, as a browser would send them (hidden inputs only). */
export function formFields(html: string, action: string): Record<string, string[]> {
  const start = html.indexOf(`action="${action}"`);
  assert.ok(start >= 0, `no form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields: Record<string, string[]> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    (fields[m[1]!] ??= []).push(decode(m[2]!));
  }
  return fields;
}

/** Posts the confirmation page's Valider form. */
export async function validate(agent: AdminAgent, confirmation: string, action: string) {
  return agent.post(action, formFields(confirmation, action));
}

function decode(text: string): string {
  return text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** The visible text of a page, tags dropped and entities decoded, for assertions on wording. */
export function textOf(html: string): string {
  return decode(html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

/** A GET whose body is binary (a PDF), with the agent's cookies. */
export async function download(g: TestInstance, agent: AdminAgent, url: string) {
  const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const r = await g.app.inject({ method: 'GET', url, headers: { cookie } });
  return { status: r.statusCode, headers: r.headers, body: r.rawPayload };
}

/** The text of each page of a PDF. */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const pages: string[] = [];
  await pdfParse(new Uint8Array(pdf) as unknown as Buffer, {
    pagerender: async (page: { getTextContent(): Promise<{ items: Array<{ str: string }> }> }) => {
      const text = (await page.getTextContent()).items.map((i) => i.str).join(' ').replace(/\s+/g, ' ');
      pages.push(text);
      return text;
    },
  });
  return pages;
}

/** Account ids of the rows of a result page, in order. */
export function rowAccountIds(html: string): string[] {
  return [...html.matchAll(/name="accountIds" value="([0-9a-f-]{36})(?::\d+)?"/g)].map((m) => m[1]!);
}

/** The cells' text of each row of the result table (first cell: the check box, empty). */
export function resultRows(html: string): string[][] {
  const start = html.indexOf('<tbody>');
  if (start < 0) return [];
  const body = html.slice(start, html.indexOf('</tbody>', start));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => textOf(cell[1]!).trim()));
}
