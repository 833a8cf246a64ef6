// SPEC §5 Profile, under /profil: "Gérer mon compte" and its forms (password, e-mail, merge). Every page needs an
// Activé session (request.accountSession, set by the root hook of src/families/http/routes.tsx); every POST checks
// the session's CSRF token and answers with a redirect to a page that says what happened (POST-redirect-GET).
// Handlers parse with zod, call one service, render one view.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { sameToken } from '../../admin/http/guards.ts';
import { describePasswordPolicy } from '../../domain/password-policy.ts';
import { waitMessage } from '../../domain/throttle.ts';
import type { AccountSession } from '../../families/session.ts';
import { sendPage } from '../../http/render.tsx';
import { populationSettings } from '../../realms/index.ts';
import { changePassword } from './change-password.ts';
import { confirmEmailChange, type ConfirmEmailChangeOutcome } from './confirm-email-change.ts';
import type { ProfileDeps } from './deps.ts';
import { loadMergePreview, mergeAccounts, takeMergeOutcome } from './merge-accounts.ts';
import { loadProfile } from './profile-query.ts';
import { requestEmailChange } from './request-email-change.ts';
import { startMerge } from './start-merge.ts';
import { franceConnectStatus } from '../franceconnect/links.ts';
import type {} from '../franceconnect/hooks.ts'; // app.franceConnect
import { MergeConfirmPage } from './views/merge-confirm-page.tsx';
import { ProfileMessagePage } from './views/message-page.tsx';
import type { NoticeProps } from './views/parts.tsx';
import { ProfilePage, type ProfilePageProps } from './views/profile-page.tsx';

export type { ProfileDeps } from './deps.ts';

// Shared assets written for the activation flows; the page uses them when they are there.
const asset = (name: string) => existsSync(fileURLToPath(new URL(`../../http/assets/${name}`, import.meta.url)));

const PasswordForm = z.object({
  currentPassword: z.string().max(200).default(''),
  newPassword: z.string().max(200).default(''),
  confirmation: z.string().max(200).default(''),
});
const EmailForm = z.object({ email: z.string().max(320).default('') });
const MergeForm = z.object({ identifier: z.string().max(254).default(''), password: z.string().max(200).default('') });
const ProfileQuery = z.object({
  resultat: z.enum(['mot-de-passe', 'adresse-envoyee', 'adresse-modifiee', 'regroupement', 'franceconnect-delie']).optional(),
  flux: z.uuid().optional(),
});
const TokenParams = z.object({ token: z.string().min(1).max(200) });
const FlowParams = z.object({ flowId: z.uuid() });

const LINK_PAGES: Record<Exclude<ConfirmEmailChangeOutcome['outcome'], 'changed'>, { status: number; title: string; message: string }> = {
  used: {
    status: 410,
    title: 'Ce lien de confirmation a déjà servi',
    message: "Ce lien ne sert qu'une fois et il a déjà été ouvert. Votre adresse électronique actuelle est indiquée sur la page « Gérer mon compte ».",
  },
  expired: {
    status: 410,
    title: "Ce lien de confirmation n'est plus valable",
    message:
      "Ce lien a expiré (il est valable 24 heures) ou a été remplacé par un plus récent. Votre adresse n'a pas été modifiée : demandez un nouveau lien depuis la page « Gérer mon compte ».",
  },
  unknown: {
    status: 404,
    title: "Ce lien de confirmation n'est pas reconnu",
    message:
      "Vérifiez que l'adresse copiée depuis le courriel est complète et que vous êtes connecté avec le compte qui a demandé le changement. Sinon, demandez un nouveau lien depuis la page « Gérer mon compte ».",
  },
};

/** SPEC §5 Profile: GET /profil, POST /profil/mot-de-passe, /profil/adresse, /profil/regroupement(/:flowId), GET /profil/adresse/:token. */
export async function registerProfileRoutes(app: FastifyInstance, deps: ProfileDeps): Promise<void> {
  const realm = deps.accounts.realm;
  const assets = { strengthScript: asset('password-strength.js'), flowsStylesheet: asset('flows.css') };

  /** The Activé session, or a redirect to the login page that comes back to `returnTo`. */
  const activeSession = (request: FastifyRequest, reply: FastifyReply, returnTo = '/profil'): AccountSession | null => {
    const session = request.accountSession;
    if (session && session.state === 'active') return session;
    void reply.redirect(`/?retour=${encodeURIComponent(returnTo).replaceAll('%2F', '/')}`, 303);
    return null;
  };

  const csrfRefused = (request: FastifyRequest, session: AccountSession): boolean => {
    const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
    return !sameToken(typeof sent === 'string' ? sent : undefined, session.csrfToken);
  };

  const message = (reply: FastifyReply, status: number, title: string, text: string) =>
    sendPage(reply.header('cache-control', 'no-store'), <ProfileMessagePage realm={realm} title={title} message={text} />, status);

  const expiredForm = (reply: FastifyReply) =>
    message(reply, 403, 'Formulaire expiré', "Ce formulaire a expiré ou n'est pas valide : rien n'a été modifié. Revenez à la page « Gérer mon compte », rechargez-la et recommencez.");

  const guardiansOnly = (reply: FastifyReply) =>
    message(reply, 403, 'Regroupement impossible', 'Le regroupement de comptes est réservé aux comptes de responsables.');

  const showProfile = async (
    reply: FastifyReply,
    session: AccountSession,
    extra: Pick<ProfilePageProps, 'notice' | 'errors' | 'values'> = {},
    status = 200,
  ) => {
    const profile = await loadProfile(deps.accounts.db, session.accountId, deps.accounts.clock());
    if (!profile) return reply.redirect('/', 303);
    const passwordRule = describePasswordPolicy(populationSettings(realm, profile.kind).passwordPolicy);
    // Issue 9: the FranceConnect line, where its routes are there (the realm offers it and it is configured).
    const franceConnect = app.franceConnect && profile.kind === 'guardian' ? await franceConnectStatus(deps.accounts.db, session.accountId) : undefined;
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      <ProfilePage realm={realm} profile={profile} csrf={session.csrfToken} passwordRule={passwordRule} assets={assets} franceConnect={franceConnect} {...extra} />,
      status,
    );
  };

  app.get('/profil', async (request, reply) => {
    const session = activeSession(request, reply);
    if (!session) return reply;
    const query = ProfileQuery.safeParse(request.query);
    const q = query.success ? query.data : {};
    let notice: NoticeProps | undefined;
    switch (q.resultat) {
      case 'mot-de-passe':
        notice = { kind: 'success', text: 'Votre mot de passe a été modifié.' };
        break;
      case 'adresse-envoyee':
        notice = {
          kind: 'success',
          text: "Un lien de confirmation vient d'être envoyé à votre nouvelle adresse électronique. Ouvrez-le dans les 24 heures : d'ici là, votre adresse actuelle reste celle du compte.",
        };
        break;
      case 'adresse-modifiee':
        notice = { kind: 'success', text: "Votre nouvelle adresse électronique est confirmée : c'est désormais celle de votre compte." };
        break;
      case 'franceconnect-delie':
        notice = { kind: 'success', text: 'FranceConnect est délié de votre compte : connectez-vous désormais avec votre identifiant et votre mot de passe.' };
        break;
      case 'regroupement': {
        const outcome = q.flux ? await takeMergeOutcome(deps, { flowId: q.flux, accountId: session.accountId }) : null;
        if (outcome) notice = { kind: 'success', text: mergeMessage(outcome.movedChildren) };
        break;
      }
    }
    return showProfile(reply, session, { notice });
  });

  app.post('/profil/mot-de-passe', async (request, reply) => {
    const session = activeSession(request, reply);
    if (!session) return reply;
    if (csrfRefused(request, session)) return expiredForm(reply);
    const form = PasswordForm.parse(request.body ?? {});
    const result = await changePassword(deps.accounts, { accountId: session.accountId, sessionTokenHash: session.tokenHash, ...form, ip: request.ip });
    if (result.ok) return reply.redirect('/profil?resultat=mot-de-passe', 303);
    if (result.reason === 'throttled') {
      reply.header('retry-after', String(result.retryAfterSeconds));
      return showProfile(reply, session, { notice: { kind: 'error', text: waitMessage(result.retryAfterSeconds) } }, 429);
    }
    return showProfile(reply, session, { errors: { password: result.errors } }, 400);
  });

  app.post('/profil/adresse', async (request, reply) => {
    const session = activeSession(request, reply);
    if (!session) return reply;
    if (csrfRefused(request, session)) return expiredForm(reply);
    const form = EmailForm.parse(request.body ?? {});
    const result = await requestEmailChange(deps, { accountId: session.accountId, email: form.email, ip: request.ip });
    if (result.ok) return reply.redirect('/profil?resultat=adresse-envoyee', 303);
    return showProfile(reply, session, { errors: { email: result.error }, values: { email: form.email } }, 400);
  });

  app.get('/profil/adresse/:token', async (request, reply) => {
    const params = TokenParams.safeParse(request.params);
    const token = params.success ? params.data.token : '';
    const session = activeSession(request, reply, `/profil/adresse/${encodeURIComponent(token)}`);
    if (!session) return reply;
    const result = token ? await confirmEmailChange(deps, { token, sessionAccountId: session.accountId, ip: request.ip }) : ({ outcome: 'unknown' } as const);
    if (result.outcome === 'changed') return reply.redirect('/profil?resultat=adresse-modifiee', 303);
    const page = LINK_PAGES[result.outcome];
    return message(reply, page.status, page.title, page.message);
  });

  app.post('/profil/regroupement', async (request, reply) => {
    const session = activeSession(request, reply);
    if (!session) return reply;
    if (csrfRefused(request, session)) return expiredForm(reply);
    if (session.kind !== 'guardian') return guardiansOnly(reply);
    const form = MergeForm.parse(request.body ?? {});
    const result = await startMerge(deps, { accountId: session.accountId, identifier: form.identifier, password: form.password, ip: request.ip });
    if (result.ok) return reply.redirect(`/profil/regroupement/${result.flowId}`, 303);
    const values = { mergeIdentifier: form.identifier };
    switch (result.reason) {
      case 'not_guardian':
        return guardiansOnly(reply);
      case 'throttled':
        reply.header('retry-after', String(result.retryAfterSeconds));
        return showProfile(reply, session, { errors: { merge: waitMessage(result.retryAfterSeconds) }, values }, 429);
      case 'refused':
        return showProfile(reply, session, { errors: { merge: result.error }, values }, 400);
    }
  });

  const staleMerge = (reply: FastifyReply) =>
    message(
      reply,
      410,
      "Cette demande de regroupement n'est plus valable",
      "Elle a expiré (elle vaut 15 minutes) ou a déjà servi : rien n'a été modifié. Recommencez depuis la page « Gérer mon compte ».",
    );

  app.get('/profil/regroupement/:flowId', async (request, reply) => {
    const session = activeSession(request, reply);
    if (!session) return reply;
    if (session.kind !== 'guardian') return guardiansOnly(reply);
    const params = FlowParams.safeParse(request.params);
    const preview = params.success ? await loadMergePreview(deps, { flowId: params.data.flowId, accountId: session.accountId }) : null;
    if (!preview) return staleMerge(reply);
    return sendPage(reply.header('cache-control', 'no-store'), <MergeConfirmPage realm={realm} preview={preview} csrf={session.csrfToken} />);
  });

  app.post('/profil/regroupement/:flowId', async (request, reply) => {
    const session = activeSession(request, reply);
    if (!session) return reply;
    if (csrfRefused(request, session)) return expiredForm(reply);
    if (session.kind !== 'guardian') return guardiansOnly(reply);
    const params = FlowParams.safeParse(request.params);
    if (!params.success) return staleMerge(reply);
    const result = await mergeAccounts(deps, { flowId: params.data.flowId, accountId: session.accountId, ip: request.ip });
    if (!result.ok) return staleMerge(reply);
    return reply.redirect(`/profil?resultat=regroupement&flux=${params.data.flowId}`, 303);
  });
}

/** "Vos comptes ont été regroupés : vos enfants … sont maintenant rattachés à ce compte." */
export function mergeMessage(children: readonly string[]): string {
  if (children.length === 0) return 'Vos comptes ont été regroupés.';
  if (children.length === 1) return `Vos comptes ont été regroupés : votre enfant ${children[0]} est maintenant rattaché à ce compte.`;
  const names = `${children.slice(0, -1).join(', ')} et ${children[children.length - 1]}`;
  return `Vos comptes ont été regroupés : vos enfants ${names} sont maintenant rattachés à ce compte.`;
}
