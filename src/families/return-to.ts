// Where to go after login or after a flow: only a path of this site, never an open redirect.

/** A same-origin path ("/oidc/interaction/abc"), or undefined for anything else ("//evil", "https://…", "/\\evil"). */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return undefined;
  if (/[\u0000-\u001f]/.test(value)) return undefined;
  return value;
}
