// RP-initiated logout (end_session) ends the Guichet family session too, but only the family session of the
// person whose provider session was closed (after they confirmed): a browser where someone else has signed in
// since keeps theirs.
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { AccountsDeps } from '../../accounts/deps.ts';
import { ACCOUNT_COOKIE, endAccountSession, loadAccountSession } from '../../families/session.ts';

export function endFamilySessionOnLogout(deps: AccountsDeps) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<unknown>): Promise<void> => {
    await next();
    if (ctx.oidc?.route !== 'end_session_confirm' || ctx.status !== 303 || !ctx.oidc.params?.logout) return;
    // Without a provider session for a person (the confirmation was auto-posted), the family session stays:
    // a link from any site to end_session must not sign people out of Guichet.
    const loggedOut = ctx.oidc.entities.Session?.accountId;
    if (!loggedOut) return;
    const family = await loadAccountSession(deps, ctx.cookies.get(ACCOUNT_COOKIE, { signed: false }));
    if (!family || family.accountId !== loggedOut) return;
    await endAccountSession(deps, family, ctx.ip);
    ctx.cookies.set(ACCOUNT_COOKIE, null, { signed: false, path: '/', httpOnly: true, sameSite: 'lax' });
  };
}
