// SPEC §5 Recovery for activated accounts: /recuperation/identifiant (where realm.selfService.emailRecovery)
// and /recuperation/mot-de-passe (e-mail link and/or SMS code, per emailRecovery / smsRecovery). Forms carry the
// flow's CSRF token; successes redirect (POST-redirect-GET); refusals show the form again with their errors.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hashPassword } from '../../accounts/password-hash.ts';
import { checkPassword, describePasswordPolicy } from '../../domain/password-policy.ts';
import { waitMessage } from '../../domain/throttle.ts';
import { sendPage } from '../../http/render.tsx';
import { populationSettings } from '../../realms/index.ts';
import { createFlow, loadFlow, updateFlow } from '../flow-store.ts';
import { csrfMatches, field, formFields, noStore } from '../http-kit/form.ts';
import { passwordContext } from '../profile/password-context.ts';
import { browserBinding, isBoundBrowser } from '../sms-registration/browser-binding.ts';
import { checkFlowCode, sendFlowCode } from '../sms-registration/code-step.ts';
import type { SelfServiceDeps } from '../sms-registration/deps.ts';
import { REGISTRATION_MESSAGES } from '../sms-registration/messages.ts';
import { MessagePage } from '../sms-registration/views/registration-pages.tsx';
import type { NewPasswordErrors, Notice } from '../sms-registration/views/form-parts.tsx';
import { requestIdentifierReminder } from './identifier-recovery.ts';
import { RECOVERY_MESSAGES as M, recoverySmsText } from './messages.ts';
import { accountMobile, chooseRecoveryChannel, linkIsValid, recoverableAccount, recoveryKeys, resetRecoveredPassword, submitRecoveryIdentifier, type RecoveryFlow } from './password-recovery.ts';
import {
  identifierPath,
  IDENTIFIER_FLOW,
  IDENTIFIER_PATH,
  IDENTIFIER_TTL_MS,
  passwordPath,
  PASSWORD_CHANGED_PATH,
  PASSWORD_FLOW,
  PASSWORD_PATH,
  PASSWORD_TTL_MS,
  type IdentifierData,
  type PasswordData,
  type PasswordState,
  type RecoveryChannel,
} from './recovery-flow.ts';
import { AnsweredPage, ChannelPage, IdentifierRequestPage, NewPasswordPage, PasswordChangedPage, PasswordIdentifierPage, RecoveryCodePage } from './views/recovery-pages.tsx';

export type { SelfServiceDeps } from '../sms-registration/deps.ts';

const CODE = REGISTRATION_MESSAGES;

/** SPEC §5 Recovery: the routes the realm enables. Call before the server is ready. */
export async function registerRecoveryRoutes(app: FastifyInstance, deps: SelfServiceDeps): Promise<void> {
  const { realm, db, clock } = deps.accounts;
  const channels: RecoveryChannel[] = [...(realm.selfService.emailRecovery ? ['email' as const] : []), ...(realm.selfService.smsRecovery ? ['sms' as const] : [])];

  const message = (reply: FastifyReply, title: string, text: string, status: number, link: { href: string; text: string }) =>
    sendPage(noStore(reply), <MessagePage realm={realm} title={title} text={text} link={link} />, status);

  /** A live flow of `kind` opened in this browser (or null once the "expired" page is sent). */
  async function open<D extends { binding: string }>(request: FastifyRequest, reply: FastifyReply, kind: string, again: string, bound = true) {
    const { flowId } = request.params as { flowId: string };
    const flow = await loadFlow<D>(db, flowId, kind, clock());
    if (!flow || (bound && !isBoundBrowser(request, flow.data.binding))) {
      await message(reply, 'Étape expirée', M.flowGone, 410, { href: again, text: 'Faire une nouvelle demande' });
      return null;
    }
    return flow;
  }

  const csrfRefused = (reply: FastifyReply, back: string) =>
    message(reply, 'Formulaire expiré', CODE.csrf, 403, { href: back, text: 'Recharger la page' });

  const start = (kind: string, state: string, ttlMs: number, path: (id: string) => string) => async (request: FastifyRequest, reply: FastifyReply) => {
    const binding = browserBinding(request, reply, deps.issuer);
    const flow = await createFlow(db, { kind, state, data: { binding }, ttlMs }, clock());
    return reply.redirect(path(flow.id), 303);
  };

  if (realm.selfService.emailRecovery) {
    app.get(IDENTIFIER_PATH, start(IDENTIFIER_FLOW, 'email', IDENTIFIER_TTL_MS, identifierPath));

    app.get(`${IDENTIFIER_PATH}/:flowId`, async (request, reply) => {
      const flow = await open<IdentifierData>(request, reply, IDENTIFIER_FLOW, IDENTIFIER_PATH);
      if (!flow) return reply;
      if (flow.state === 'sent') return sendPage(noStore(reply), <AnsweredPage realm={realm} title="Identifiant perdu" text={M.identifierSent} again={IDENTIFIER_PATH} />);
      return sendPage(noStore(reply), <IdentifierRequestPage realm={realm} flowId={flow.id} csrf={flow.csrfToken} value="" />);
    });

    app.post(`${IDENTIFIER_PATH}/:flowId`, async (request, reply) => {
      const flow = await open<IdentifierData>(request, reply, IDENTIFIER_FLOW, IDENTIFIER_PATH);
      if (!flow) return reply;
      const fields = formFields(request.body);
      if (!csrfMatches(fields, flow)) return csrfRefused(reply, identifierPath(flow.id));
      if (flow.state !== 'email') return reply.redirect(identifierPath(flow.id), 303);
      const email = field(fields, 'email');
      const outcome = await requestIdentifierReminder(deps, flow, { email, ip: request.ip });
      const page = (status: number, error?: string, notice?: Notice) =>
        sendPage(noStore(reply), <IdentifierRequestPage realm={realm} flowId={flow.id} csrf={flow.csrfToken} value={email} error={error} notice={notice} />, status);
      if (outcome.kind === 'invalid') return page(400, outcome.error);
      if (outcome.kind === 'throttled') {
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        return page(429, undefined, { kind: 'error', text: waitMessage(outcome.retryAfterSeconds) });
      }
      return reply.redirect(identifierPath(flow.id), 303);
    });
  }

  if (channels.length === 0) return;

  app.get(PASSWORD_CHANGED_PATH, async (_request, reply) => sendPage(reply, <PasswordChangedPage realm={realm} />));
  app.get(PASSWORD_PATH, start(PASSWORD_FLOW, 'identifier', PASSWORD_TTL_MS, (id) => passwordPath(id)));

  const props = (flow: RecoveryFlow) => ({ realm, flowId: flow.id, csrf: flow.csrfToken });
  const showCode = (reply: FastifyReply, flow: RecoveryFlow, status = 200, error?: string, notice?: Notice) =>
    sendPage(noStore(reply), <RecoveryCodePage {...props(flow)} error={error} notice={notice} />, status);
  const showNewPassword = async (reply: FastifyReply, flow: RecoveryFlow, token: string | undefined, status = 200, errors: NewPasswordErrors = {}) => {
    const account = await recoverableAccount(deps, flow);
    const rule = describePasswordPolicy(populationSettings(realm, account?.kind ?? 'guardian').passwordPolicy);
    return sendPage(noStore(reply), <NewPasswordPage {...props(flow)} rule={rule} token={token} errors={errors} />, status);
  };
  const linkGone = (reply: FastifyReply) => message(reply, 'Lien expiré', M.linkInvalid, 410, { href: PASSWORD_PATH, text: 'Faire une nouvelle demande' });

  app.get(`${PASSWORD_PATH}/:flowId`, async (request, reply) => {
    const query = z.object({ jeton: z.string().max(200).optional() }).safeParse(request.query);
    const token = query.success ? query.data.jeton : undefined;
    if (token !== undefined) {
      // The link of the e-mail: it may open in another browser (the mail app's); the token is the proof.
      const flow = await loadFlow<PasswordData>(db, (request.params as { flowId: string }).flowId, PASSWORD_FLOW, clock());
      if (!flow || !linkIsValid(flow, token, clock())) return linkGone(reply);
      return showNewPassword(reply, flow, token);
    }
    const flow = await open<PasswordData>(request, reply, PASSWORD_FLOW, PASSWORD_PATH);
    if (!flow) return reply;
    switch (flow.state as PasswordState) {
      case 'identifier':
        return sendPage(noStore(reply), <PasswordIdentifierPage {...props(flow)} value="" />);
      case 'channel':
        return sendPage(noStore(reply), <ChannelPage {...props(flow)} channels={channels} />);
      case 'email-sent':
        return sendPage(noStore(reply), <AnsweredPage realm={realm} title="Mot de passe perdu" text={M.linkSent} again={PASSWORD_PATH} />);
      case 'sms-code': {
        const resent = (request.query as Record<string, unknown>).renvoye !== undefined;
        return showCode(reply, flow, 200, undefined, resent ? { kind: 'info', text: CODE.codeResent } : undefined);
      }
      case 'new-password':
        return showNewPassword(reply, flow, undefined);
    }
  });

  /** A step's POST from the flow's own browser, with its CSRF token, at the state it expects. */
  const step = async (request: FastifyRequest, reply: FastifyReply, state: PasswordState) => {
    const flow = await open<PasswordData>(request, reply, PASSWORD_FLOW, PASSWORD_PATH);
    if (!flow) return null;
    const fields = formFields(request.body);
    if (!csrfMatches(fields, flow)) {
      await csrfRefused(reply, passwordPath(flow.id));
      return null;
    }
    if (flow.state !== state) {
      await reply.redirect(passwordPath(flow.id), 303);
      return null;
    }
    return { flow, fields };
  };

  app.post(`${PASSWORD_PATH}/:flowId/identifiant`, async (request, reply) => {
    const opened = await step(request, reply, 'identifier');
    if (!opened) return reply;
    const identifier = field(opened.fields, 'identifier');
    if (!identifier.trim()) return sendPage(noStore(reply), <PasswordIdentifierPage {...props(opened.flow)} value="" error={M.identifierMissing} />, 400);
    await submitRecoveryIdentifier(deps, opened.flow, identifier);
    return reply.redirect(passwordPath(opened.flow.id), 303);
  });

  app.post(`${PASSWORD_PATH}/:flowId/moyen`, async (request, reply) => {
    const opened = await step(request, reply, 'channel');
    if (!opened) return reply;
    const { flow, fields } = opened;
    const channel = channels.find((c) => c === field(fields, 'channel'));
    if (!channel) return sendPage(noStore(reply), <ChannelPage {...props(flow)} channels={channels} error={M.channelMissing} />, 400);
    const outcome = await chooseRecoveryChannel(deps, flow, channel, request.ip);
    if (outcome.kind === 'throttled') {
      reply.header('retry-after', String(outcome.retryAfterSeconds));
      return sendPage(noStore(reply), <ChannelPage {...props(flow)} channels={channels} notice={{ kind: 'error', text: waitMessage(outcome.retryAfterSeconds) }} />, 429);
    }
    return reply.redirect(passwordPath(flow.id), 303);
  });

  app.post(`${PASSWORD_PATH}/:flowId/code`, async (request, reply) => {
    const opened = await step(request, reply, 'sms-code');
    if (!opened) return reply;
    const { flow, fields } = opened;
    const keys = recoveryKeys(flow, request.ip, accountMobile(await recoverableAccount(deps, flow)));
    const result = await checkFlowCode(deps.accounts, flow, {
      typed: field(fields, 'code'),
      keys,
      clearOnSuccess: keys.filter((k) => k.scope === 'account'),
      ip: request.ip,
      audit: 'account.password_recovery_code_failed',
    });
    switch (result.kind) {
      case 'valid': {
        const { code: _used, ...data } = flow.data;
        await updateFlow(db, flow.id, { state: 'new-password', data: { ...data, via: 'sms' } }, clock());
        return reply.redirect(passwordPath(flow.id), 303);
      }
      case 'throttled':
        reply.header('retry-after', String(result.retryAfterSeconds));
        return showCode(reply, flow, 429, waitMessage(result.retryAfterSeconds));
      case 'malformed':
        return showCode(reply, flow, 400, CODE.codeMalformed);
      case 'wrong':
        return showCode(reply, flow, 400, CODE.codeWrong(result.remaining));
      case 'expired':
        return showCode(reply, flow, 400, CODE.codeExpired);
      case 'exhausted':
        return showCode(reply, flow, 400, CODE.codeExhausted);
    }
  });

  app.post(`${PASSWORD_PATH}/:flowId/nouveau-code`, async (request, reply) => {
    const opened = await step(request, reply, 'sms-code');
    if (!opened) return reply;
    const { flow } = opened;
    const account = await recoverableAccount(deps, flow);
    const message = { mobile: accountMobile(account), text: (code: string) => recoverySmsText(realm.displayName, code), template: 'recovery-password-code', accountId: account?.id };
    const audit = { action: 'account.password_recovery_requested', ip: request.ip, details: { via: 'sms', resend: true } };
    let sent = await sendFlowCode(deps.accounts, deps.boss, flow, { state: 'sms-code', data: flow.data }, message, audit);
    if (sent.kind === 'quota') sent = await sendFlowCode(deps.accounts, deps.boss, flow, { state: 'sms-code', data: flow.data }, { ...message, mobile: null }, audit);
    switch (sent.kind) {
      case 'too_soon':
        return showCode(reply, flow, 429, undefined, { kind: 'error', text: CODE.resendTooSoon(sent.waitSeconds) });
      case 'too_many_sends':
      case 'quota':
        return showCode(reply, flow, 429, undefined, { kind: 'error', text: CODE.resendExhausted });
      case 'sent':
        return reply.redirect(`${passwordPath(flow.id)}?renvoye=1`, 303);
    }
  });

  app.post(`${PASSWORD_PATH}/:flowId/nouveau-mot-de-passe`, async (request, reply) => {
    const fields = formFields(request.body);
    const token = fields.jeton || undefined;
    // With the e-mail's token the link is the proof (any browser); without it, the SMS path's own browser.
    const flow = token
      ? await loadFlow<PasswordData>(db, (request.params as { flowId: string }).flowId, PASSWORD_FLOW, clock())
      : await open<PasswordData>(request, reply, PASSWORD_FLOW, PASSWORD_PATH);
    if (!flow) return token ? linkGone(reply) : reply;
    if (!csrfMatches(fields, flow)) return csrfRefused(reply, token ? `${passwordPath(flow.id)}?jeton=${encodeURIComponent(token)}` : passwordPath(flow.id));
    if (token ? !linkIsValid(flow, token, clock()) : flow.state !== 'new-password') return token ? linkGone(reply) : reply.redirect(passwordPath(flow.id), 303);
    const account = await recoverableAccount(deps, flow);
    if (!account) return token ? linkGone(reply) : reply.redirect(PASSWORD_PATH, 303);

    const password = field(fields, 'password');
    const confirmation = field(fields, 'confirmation');
    const errors: NewPasswordErrors = {};
    if (!password) errors.password = [CODE.passwordMissing];
    else {
      const policy = populationSettings(realm, account.kind).passwordPolicy;
      const check = checkPassword(policy, password, await passwordContext(db, account.id, account.kind));
      if (!check.ok) errors.password = check.unmet;
    }
    if (!confirmation) errors.confirmation = [CODE.confirmationMissing];
    else if (password && confirmation !== password) errors.confirmation = [CODE.confirmationMismatch];
    if (errors.password || errors.confirmation) return showNewPassword(reply, flow, token, 400, errors);

    const passwordHash = await hashPassword(password); // outside the transaction: 10+ ms of a core
    const done = await resetRecoveredPassword(deps, flow, { passwordHash, via: token ? 'email' : (flow.data.via ?? 'sms'), ip: request.ip });
    if (!done.ok) return token ? linkGone(reply) : reply.redirect(PASSWORD_PATH, 303);
    return reply.redirect(PASSWORD_CHANGED_PATH, 303);
  });

}
