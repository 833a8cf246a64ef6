// GET /oidc/interaction/:uid — where oidc-provider sends the browser when it needs the person. The Guichet family
// session answers: none (or too old for prompt=login / max_age, or an account that is not active yet) → the
// login page, which comes back here; an active one → the login and the grant are handed back to the provider.
//
// No consent screen: the services of the catalogue are first-party school services that the realm operates and
// registers itself (guichet clients add), so the grant covers what the service asked for (SPEC §6).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import { z } from 'zod';
import type { AccountsDeps } from '../../accounts/deps.ts';
import { recordAudit } from '../../audit/record.ts';
import { ACCOUNT_COOKIE, endAccountSession, type AccountSession, type AuthMethod } from '../../families/session.ts';
import { sendPage } from '../../http/render.tsx';
import { familySessionOf, rememberFamilySession } from './family-session.ts';
import { InteractionErrorPage } from './pages.tsx';
import { interactionPath } from './routes.ts';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/** RFC 8176 authentication method references. */
const AMR: Record<AuthMethod, string> = { password: 'pwd', sms: 'sms', franceconnect: 'fc', 'security-questions': 'kba' };

/** The login page, told to come back to this interaction once the person is signed in (and activated). */
export const loginRedirect = (uid: string) => `/?retour=${encodeURIComponent(interactionPath(uid))}`;

/** prompt=login, or max_age exceeded: the person must prove who they are again, after the request began. */
export function needsReauthentication(interaction: Interaction, session: AccountSession, now: Date): boolean {
  const authTime = session.authTime.getTime();
  const reasons: string[] = interaction.prompt.reasons ?? [];
  if (reasons.includes('login_prompt') && authTime < (interaction.iat ?? 0) * 1000) return true;
  const maxAge = Number(interaction.params.max_age);
  return Number.isFinite(maxAge) && interaction.params.max_age !== undefined && now.getTime() - authTime > maxAge * 1000;
}

/** The grant the service gets: what it asked for, added to the grant it may already hold for this person. */
async function grantFor(provider: Provider, interaction: Interaction, accountId: string): Promise<string> {
  const clientId = String(interaction.params.client_id);
  const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
  const grant =
    existing && existing.accountId === accountId && existing.clientId === clientId ? existing : new provider.Grant({ accountId, clientId });
  grant.addOIDCScope(String(interaction.params.scope ?? 'openid'));
  return grant.save();
}

export function registerInteractionRoute(app: FastifyInstance, provider: Provider, deps: AccountsDeps): void {
  app.get('/oidc/interaction/:uid', async (request: FastifyRequest, reply: FastifyReply) => {
    const { uid } = z.object({ uid: z.string().min(1).max(100) }).parse(request.params);
    let interaction: Interaction;
    try {
      interaction = await provider.interactionDetails(request.raw, reply.raw);
    } catch {
      return sendPage(reply, <InteractionErrorPage realm={deps.realm} />, 400);
    }
    // The interaction cookie names the interaction; the URL must name the same one.
    if (interaction.uid !== uid) return sendPage(reply, <InteractionErrorPage realm={deps.realm} />, 400);

    rememberFamilySession(request);
    const session = await familySessionOf(deps, request.raw, request.cookies[ACCOUNT_COOKIE]);
    if (!session || session.state !== 'active') return reply.redirect(loginRedirect(uid), 303);
    if (needsReauthentication(interaction, session, deps.clock())) {
      await endAccountSession(deps, session, request.ip);
      reply.clearCookie(ACCOUNT_COOKIE, { path: '/' });
      return reply.redirect(loginRedirect(uid), 303);
    }

    const grantId = await grantFor(provider, interaction, session.accountId);
    const result: InteractionResults = {
      login: {
        accountId: session.accountId,
        // Never ahead of the provider's own clock (it uses real time; tests may run Guichet on a fixed clock).
        ts: Math.min(Math.floor(session.authTime.getTime() / 1000), Math.floor(Date.now() / 1000)),
        amr: [AMR[session.method] ?? session.method],
        remember: true,
      },
      consent: { grantId },
    };
    // What provider.interactionResult does, without reading the interaction and its session a second time.
    interaction.result = result;
    await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
    const returnTo = interaction.returnTo;
    await recordAudit(
      deps.db,
      { kind: 'account', id: session.accountId, ip: request.ip },
      [{ action: 'sso.oidc.login', accountId: session.accountId, details: { clientId: String(interaction.params.client_id) } }],
      deps.clock(),
    );
    return reply.redirect(returnTo, 303);
  });
}
