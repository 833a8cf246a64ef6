// Guichet's CSP says `form-action 'self'`, and Chromium applies form-action to every redirect that follows a
// form submission. oidc-provider's own forms (logout confirmation, form_post responses) end at the service's
// registered addresses, so their pages allow exactly those origins — never any other.
import type { KoaContextWithOIDC } from 'oidc-provider';

/** Adds the client's registered redirect and post-logout origins to `form-action` of an HTML answer. */
export async function allowClientFormActions(ctx: KoaContextWithOIDC, next: () => Promise<unknown>): Promise<void> {
  await next();
  const csp = ctx.response.get('content-security-policy');
  const client = ctx.oidc?.client;
  if (!csp || !client || !ctx.response.is('html')) return;
  const origins = new Set<string>();
  for (const uri of [...(client.redirectUris ?? []), ...(client.postLogoutRedirectUris ?? [])]) {
    const origin = URL.parse(uri)?.origin;
    if (origin && origin !== 'null') origins.add(origin);
  }
  if (origins.size > 0) ctx.set('content-security-policy', withFormAction(csp, [...origins]));
}

export function withFormAction(csp: string, origins: readonly string[]): string {
  const directives = csp.split(';').map((d) => d.trim()).filter(Boolean);
  const index = directives.findIndex((d) => d.split(/\s+/)[0] === 'form-action');
  if (index === -1) return csp; // no form-action restriction to widen
  directives[index] = [directives[index], ...origins].join(' ');
  return directives.join(';');
}
