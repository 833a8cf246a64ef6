// oidc-provider's default prompts, plus one check on `login`: the provider's session counts only while the
// Guichet family session of the same person lives (a logout from the portal ends single sign-on too).
import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import type { AccountsDeps } from '../../accounts/deps.ts';
import { ACCOUNT_COOKIE } from '../../families/session.ts';
import { familySessionOf } from './family-session.ts';

export function guichetInteractionPolicy(deps: AccountsDeps): interactionPolicy.Prompt[] {
  const policy = interactionPolicy.base();
  const login = policy.get('login')!;
  login.checks.add(
    new interactionPolicy.Check('family_session', 'the Guichet session of this person has ended', 'login_required', async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId) return interactionPolicy.Check.NO_NEED_TO_PROMPT; // `no_session` asks for a login already
      const family = await familySessionOf(deps, ctx.req, ctx.cookies.get(ACCOUNT_COOKIE, { signed: false }));
      const ok = family !== null && family.accountId === accountId && family.state === 'active';
      return ok ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT;
    }),
  );
  return policy;
}
