// SPEC §5 "Je n'ai pas de compte" and self-registration by SMS (guide §1.3.4): /inscription and the flow's
// pages under /inscription/responsable/:flowId. Each step is a form with the flow's CSRF token; a step that
// succeeds redirects to the flow's page (POST-redirect-GET), a refused one shows the form again with its errors.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hashPassword } from '../../accounts/password-hash.ts';
import { checkPassword, describePasswordPolicy } from '../../domain/password-policy.ts';
import { waitMessage } from '../../domain/throttle.ts';
import { safeReturnTo } from '../../families/return-to.ts';
import { startAccountSession } from '../../families/session.ts';
import { sendPage } from '../../http/render.tsx';
import { maskMobile } from '../../messaging/sms/phone-number.ts';
import { populationSettings } from '../../realms/index.ts';
import { createFlow, deleteFlow, loadFlow, updateFlow, type Flow } from '../flow-store.ts';
import { csrfMatches, field, formFields, noStore } from '../http-kit/form.ts';
import { destinationAfter, setAccountSessionCookie } from '../http-kit/session-cookie.ts';
import { browserBinding, isBoundBrowser } from './browser-binding.ts';
import { confirmChildren, confirmedReferences, offeredChildren } from './children-step.ts';
import { checkFlowCode, mobileThrottleKey, sendFlowCode } from './code-step.ts';
import { completeRegistration } from './complete-registration.ts';
import type { SelfServiceDeps } from './deps.ts';
import { submitIdentity } from './identity-step.ts';
import { REGISTRATION_MESSAGES as M, registrationSmsText } from './messages.ts';
import { childrenOfAccount } from './references.ts';
import { registrationPath, REGISTRATION_FLOW, REGISTRATION_PATH, REGISTRATION_TTL_MS, type RegistrationData, type RegistrationState } from './registration-flow.ts';
import type { Notice } from './views/form-parts.tsx';
import { ChildrenPage, CodePage, DonePage, IdentityPage, MessagePage, PasswordPage } from './views/registration-pages.tsx';
import { NoAccountPage } from './views/start-pages.tsx';
import type {} from '../franceconnect/hooks.ts'; // app.franceConnect
import { refusedCodeAnswer, typedBirthDates } from './step-answers.ts';

export type { SelfServiceDeps } from './deps.ts';

type RegistrationFlow = Flow<RegistrationData>;

/** Code failures from one address: the login's per-IP thresholds (the per-number key is the strict one). */
function codeIpKey(ip: string) {
  return { key: `sms-code:ip:${ip}`, scope: 'ip' as const };
}

/** SPEC §5: /inscription always; the SMS registration pages where realm.selfService.smsRegistration. Call before the server is ready. */
export async function registerRegistrationRoutes(app: FastifyInstance, deps: SelfServiceDeps): Promise<void> {
  const { realm, db, clock } = deps.accounts;
  const enabled = realm.selfService.smsRegistration && Boolean(realm.populations.guardian);

  // app.franceConnect is read per request: FranceConnect's routes may be registered after these.
  app.get('/inscription', async (_request, reply) =>
    sendPage(reply, <NoAccountPage realm={realm} smsRegistration={enabled} franceConnect={Boolean(app.franceConnect) && Boolean(realm.populations.guardian)} />),
  );
  if (!enabled) return;

  const restart = { href: REGISTRATION_PATH, text: 'Recommencer la création de mon compte' };
  const message = (reply: FastifyReply, title: string, text: string, status = 200, link = restart) =>
    sendPage(noStore(reply), <MessagePage realm={realm} title={title} text={text} link={link} />, status);
  const gone = (reply: FastifyReply) => message(reply, 'Étape expirée', M.flowGone, 410);

  /** The live flow of this browser, or null once the answer is sent. */
  const open = async (request: FastifyRequest, reply: FastifyReply): Promise<RegistrationFlow | null> => {
    const { flowId } = request.params as { flowId: string };
    const flow = await loadFlow<RegistrationData>(db, flowId, REGISTRATION_FLOW, clock());
    if (!flow || !isBoundBrowser(request, flow.data.binding)) {
      await gone(reply);
      return null;
    }
    return flow;
  };

  /** A step's POST: the flow, its fields, the CSRF token checked, the state expected; else the answer is sent. */
  const step = async (request: FastifyRequest, reply: FastifyReply, state: RegistrationState) => {
    const flow = await open(request, reply);
    if (!flow) return null;
    const fields = formFields(request.body);
    if (!csrfMatches(fields, flow)) {
      await message(reply, 'Formulaire expiré', M.csrf, 403, { href: registrationPath(flow.id), text: 'Recharger la page' });
      return null;
    }
    if (flow.state !== state) {
      await reply.redirect(registrationPath(flow.id), 303);
      return null;
    }
    return { flow, fields };
  };

  const props = (flow: RegistrationFlow) => ({ realm, flowId: flow.id, csrf: flow.csrfToken });

  const showCode = (reply: FastifyReply, flow: RegistrationFlow, status = 200, error?: string, notice?: Notice) =>
    sendPage(noStore(reply), <CodePage {...props(flow)} error={error} notice={notice ?? { kind: 'info', text: M.codeSent(maskMobile(flow.data.mobile!)) }} />, status);

  const showChildren = async (reply: FastifyReply, flow: RegistrationFlow, status = 200, values: Record<number, string> = {}, errors: Record<number, string> = {}) => {
    const children = await offeredChildren(deps, flow);
    const confirmed = new Set(flow.data.confirmedStudentIds ?? []);
    return sendPage(noStore(reply), <ChildrenPage {...props(flow)} children={children} confirmed={confirmed} values={values} errors={errors} />, status);
  };

  const showPassword = async (reply: FastifyReply, flow: RegistrationFlow, status = 200, errors: { password?: string[]; confirmation?: string[] } = {}) => {
    const children = await offeredChildren(deps, flow);
    const grouped = new Set(confirmedReferences(children, flow.data));
    const attached = children.filter((c) => c.guardianIds.some((g) => grouped.has(g)));
    const left = children.filter((c) => !attached.includes(c));
    const notice: Notice | undefined =
      left.length > 0
        ? {
            kind: 'info',
            text: `Sans date de naissance confirmée, ${left.map((c) => c.firstName).join(', ')} ne ${left.length > 1 ? 'sont pas rattachés' : "n'est pas rattaché(e)"} à ce compte. Si la date saisie était exacte, l'établissement doit corriger son dossier.`,
          }
        : undefined;
    const rule = describePasswordPolicy(populationSettings(realm, 'guardian').passwordPolicy);
    return sendPage(noStore(reply), <PasswordPage {...props(flow)} rule={rule} attached={attached} errors={errors} notice={notice} />, status);
  };

  app.get('/inscription/responsable', async (request, reply) => {
    const query = z.object({ retour: z.string().optional() }).safeParse(request.query);
    const binding = browserBinding(request, reply, deps.issuer);
    const flow = await createFlow<RegistrationData>(
      db,
      { kind: REGISTRATION_FLOW, state: 'identity', data: { binding }, returnTo: safeReturnTo(query.success ? query.data.retour : undefined) ?? null, ttlMs: REGISTRATION_TTL_MS },
      clock(),
    );
    return reply.redirect(registrationPath(flow.id), 303);
  });

  app.get('/inscription/responsable/:flowId', async (request, reply) => {
    const flow = await open(request, reply);
    if (!flow) return reply;
    switch (flow.state) {
      case 'identity':
        return sendPage(noStore(reply), <IdentityPage {...props(flow)} values={{ lastName: '', firstName: '', mobile: '' }} errors={{}} />);
      case 'code': {
        const resent = (request.query as Record<string, unknown>).renvoye !== undefined;
        return showCode(reply, flow, 200, undefined, resent ? { kind: 'info', text: M.codeResent } : undefined);
      }
      case 'children':
        return showChildren(reply, flow);
      case 'password':
        return showPassword(reply, flow);
      default: {
        const attached = flow.accountId ? await childrenOfAccount(db, realm, flow.accountId) : [];
        return sendPage(noStore(reply), <DonePage {...props(flow)} identifier={flow.data.identifier ?? ''} attached={attached} />);
      }
    }
  });

  app.post('/inscription/responsable/:flowId/identite', async (request, reply) => {
    const opened = await step(request, reply, 'identity');
    if (!opened) return reply;
    const { flow, fields } = opened;
    const values = { lastName: field(fields, 'lastName'), firstName: field(fields, 'firstName'), mobile: field(fields, 'mobile') };
    const outcome = await submitIdentity(deps, flow, { ...values, ip: request.ip });
    const page = (status: number, errors = {}, notice?: Notice) =>
      sendPage(noStore(reply), <IdentityPage {...props(flow)} values={values} errors={errors} notice={notice} />, status);
    switch (outcome.kind) {
      case 'invalid':
        return page(400, outcome.errors);
      case 'throttled':
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        return page(429, {}, { kind: 'error', text: waitMessage(outcome.retryAfterSeconds) });
      case 'refused':
        return page(200, {}, { kind: 'error', text: outcome.message });
      case 'code_sent':
        return reply.redirect(registrationPath(flow.id), 303);
    }
  });

  app.post('/inscription/responsable/:flowId/code', async (request, reply) => {
    const opened = await step(request, reply, 'code');
    if (!opened) return reply;
    const { flow, fields } = opened;
    const mobileKey = mobileThrottleKey(flow.data.mobile!);
    const result = await checkFlowCode(deps.accounts, flow, {
      typed: field(fields, 'code'),
      keys: [mobileKey, codeIpKey(request.ip)],
      clearOnSuccess: [mobileKey],
      ip: request.ip,
      audit: 'sms_registration.code_failed',
    });
    switch (result.kind) {
      case 'valid': {
        const { code: _used, ...data } = flow.data;
        await updateFlow(db, flow.id, { state: 'children', data }, clock());
        return reply.redirect(registrationPath(flow.id), 303);
      }
      default: {
        const { status, message } = refusedCodeAnswer(result);
        if (result.kind === 'throttled') reply.header('retry-after', String(result.retryAfterSeconds));
        return showCode(reply, flow, status, message);
      }
    }
  });

  app.post('/inscription/responsable/:flowId/nouveau-code', async (request, reply) => {
    const opened = await step(request, reply, 'code');
    if (!opened) return reply;
    const { flow } = opened;
    const sent = await sendFlowCode(
      deps.accounts,
      deps.boss,
      flow,
      { state: 'code', data: flow.data },
      { mobile: flow.data.mobile!, text: (code) => registrationSmsText(realm.displayName, code), template: 'sms-registration-code' },
      { action: 'sms_registration.code_sent', ip: request.ip, details: { resend: true } },
    );
    switch (sent.kind) {
      case 'sent':
        return reply.redirect(`${registrationPath(flow.id)}?renvoye=1`, 303);
      case 'too_soon':
        return showCode(reply, flow, 429, undefined, { kind: 'error', text: M.resendTooSoon(sent.waitSeconds) });
      case 'too_many_sends':
        return showCode(reply, flow, 429, undefined, { kind: 'error', text: M.resendExhausted });
      case 'quota':
        return showCode(reply, flow, 429, undefined, { kind: 'error', text: M.smsQuota });
    }
  });

  app.post('/inscription/responsable/:flowId/enfants', async (request, reply) => {
    const opened = await step(request, reply, 'children');
    if (!opened) return reply;
    const { flow, fields } = opened;
    const typed = typedBirthDates(fields);
    const outcome = await confirmChildren(deps, flow, typed);
    if (outcome.kind === 'too_many') return message(reply, 'Dates de naissance refusées', M.tooManyBirthDates, 403, { href: '/aide', text: "Besoin d'aide ?" });
    const moved = await loadFlow<RegistrationData>(db, flow.id, REGISTRATION_FLOW, clock());
    if (!moved) return gone(reply);
    if (outcome.kind === 'retry') return showChildren(reply, moved, 400, typed, outcome.errors);
    return reply.redirect(registrationPath(flow.id), 303);
  });

  app.post('/inscription/responsable/:flowId/mot-de-passe', async (request, reply) => {
    const opened = await step(request, reply, 'password');
    if (!opened) return reply;
    const { flow, fields } = opened;
    const password = field(fields, 'password');
    const confirmation = field(fields, 'confirmation');
    const errors: { password?: string[]; confirmation?: string[] } = {};
    if (!password) errors.password = [M.passwordMissing];
    else {
      const check = checkPassword(populationSettings(realm, 'guardian').passwordPolicy, password, { lastName: flow.data.lastName, firstName: flow.data.firstName });
      if (!check.ok) errors.password = check.unmet;
    }
    if (!confirmation) errors.confirmation = [M.confirmationMissing];
    else if (password && confirmation !== password) errors.confirmation = [M.confirmationMismatch];
    if (errors.password || errors.confirmation) return showPassword(reply, flow, 400, errors);

    const passwordHash = await hashPassword(password); // outside the transaction: 10+ ms of a core
    const children = await offeredChildren(deps, flow);
    const outcome = await completeRegistration(deps, flow, { guardianIds: confirmedReferences(children, flow.data), passwordHash, ip: request.ip });
    if (outcome.kind === 'already_active') {
      await deleteFlow(db, flow.id);
      return message(reply, 'Compte déjà activé', M.alreadyActive, 409, { href: '/', text: 'Retour à la page de connexion' });
    }
    return reply.redirect(registrationPath(flow.id), 303);
  });

  app.post('/inscription/responsable/:flowId/acceder', async (request, reply) => {
    const opened = await step(request, reply, 'done');
    if (!opened) return reply;
    const { flow } = opened;
    if (!flow.accountId) return gone(reply);
    const token = await startAccountSession(deps.accounts, { accountId: flow.accountId, method: 'sms', ip: request.ip });
    await deleteFlow(db, flow.id);
    setAccountSessionCookie(reply, deps.issuer, token);
    return reply.redirect(destinationAfter(flow.returnTo), 303);
  });
}
