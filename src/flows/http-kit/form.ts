// What every activation form handler starts with: the posted fields as strings, the flow's CSRF token checked.
import type { FastifyReply } from 'fastify';
import { sameToken } from '../../admin/http/guards.ts';

/** The posted fields as plain strings (the first value of a repeated one, '' for a missing one). */
export function formFields(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (body === null || typeof body !== 'object') return fields;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') fields[name] = first.slice(0, 1000);
  }
  return fields;
}

export function field(fields: Record<string, string>, name: string): string {
  return fields[name] ?? '';
}

/** STYLE.md: a flow has its own CSRF token; a form carries it in `_csrf`. */
export function csrfMatches(fields: Record<string, string>, flow: { csrfToken: string }): boolean {
  return sameToken(fields._csrf, flow.csrfToken);
}

/** Flow pages carry a CSRF token and personal details: never cached. */
export function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}
