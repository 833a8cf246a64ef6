// SPEC §5 FranceConnect, first connection (guide §1.3.5), the pages under /franceconnect/parcours/:flowId: the
// mobile known to the school → the SMS code → the children's birth dates → the account linked and a session. Each
// step is a form with the flow's CSRF token; a step that succeeds redirects (POST-redirect-GET).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../audit/record.ts';
import { waitMessage } from '../../domain/throttle.ts';
import { sendPage } from '../../http/render.tsx';
import { maskMobile } from '../../messaging/sms/phone-number.ts';
import { allowFormActions, returnToFormActionOrigins } from '../../sso/oidc/return-to-origins.ts';
import { deleteFlow, loadFlow, updateFlow, type Flow } from '../flow-store.ts';
import { csrfMatches, field, formFields, noStore } from '../http-kit/form.ts';
import { destinationAfter, setAccountSessionCookie } from '../http-kit/session-cookie.ts';
import { isBoundBrowser } from '../sms-registration/browser-binding.ts';
import { confirmChildren, confirmedReferences, offeredChildren } from '../sms-registration/children-step.ts';
import { checkFlowCode, mobileThrottleKey, sendFlowCode } from '../sms-registration/code-step.ts';
import { REGISTRATION_MESSAGES } from '../sms-registration/messages.ts';
import { completePairing } from './complete-pairing.ts';
import { FRANCECONNECT_FLOW, pairingPath, type FranceConnectData, type FranceConnectDeps, type FranceConnectState } from './franceconnect-flow.ts';
import { startFranceConnectSession } from './links.ts';
import { FRANCECONNECT_MESSAGES as M, franceConnectSmsText } from './messages.ts';
import { submitMobile } from './mobile-step.ts';
import { ChildrenPage, CodePage, MobilePage } from './views.tsx';
import { refusedCodeAnswer, typedBirthDates } from '../sms-registration/step-answers.ts';

type FcFlow = Flow<FranceConnectData>;

/** Code failures from one address: the login's per-IP thresholds (the per-number key is the strict one), as in SMS registration. */
const codeIpKey = (ip: string) => ({ key: `sms-code:ip:${ip}`, scope: 'ip' as const });

export type Refuse = (reply: FastifyReply, title: string, text: string, status: number, returnTo?: string | null) => unknown;

/** SPEC §5 FranceConnect: the first connection's pages; called by registerFranceConnectRoutes. */
export async function registerPairingRoutes(app: FastifyInstance, deps: FranceConnectDeps, refuse: Refuse): Promise<void> {
  const { realm, db, clock } = deps.accounts;
  const gone = (reply: FastifyReply) => refuse(reply, 'Étape expirée', M.flowGone, 410);

  const open = async (request: FastifyRequest, reply: FastifyReply): Promise<FcFlow | null> => {
    const { flowId } = request.params as { flowId: string };
    const flow = await loadFlow<FranceConnectData>(db, flowId, FRANCECONNECT_FLOW, clock());
    if (!flow || flow.state === 'authorize' || !flow.data.sub || !isBoundBrowser(request, flow.data.binding)) {
      await gone(reply);
      return null;
    }
    return flow;
  };

  const step = async (request: FastifyRequest, reply: FastifyReply, state: FranceConnectState) => {
    const flow = await open(request, reply);
    if (!flow) return null;
    const fields = formFields(request.body);
    if (!csrfMatches(fields, flow)) {
      await refuse(reply, 'Formulaire expiré', M.csrf, 403, flow.returnTo);
      return null;
    }
    if (flow.state !== state) {
      await reply.redirect(pairingPath(flow.id), 303);
      return null;
    }
    return { flow, fields };
  };

  const props = (flow: FcFlow) => ({ realm, flowId: flow.id, csrf: flow.csrfToken });

  const showMobile = (reply: FastifyReply, flow: FcFlow, status = 200, value = '', error?: string, notice?: { kind: 'error'; text: string }) =>
    sendPage(noStore(reply), <MobilePage {...props(flow)} firstName={flow.data.firstName ?? ''} value={value} error={error} notice={notice} />, status);

  const showCode = (reply: FastifyReply, flow: FcFlow, status = 200, error?: string, notice?: { kind: 'info' | 'error'; text: string }) =>
    sendPage(
      noStore(reply),
      <CodePage {...props(flow)} error={error} notice={notice ?? { kind: 'info', text: REGISTRATION_MESSAGES.codeSent(maskMobile(flow.data.mobile!)) }} />,
      status,
    );

  const showChildren = async (reply: FastifyReply, flow: FcFlow, status = 200, values: Record<number, string> = {}, errors: Record<number, string> = {}) => {
    const children = await offeredChildren(deps, flow);
    const confirmed = new Set(flow.data.confirmedStudentIds ?? []);
    // Its form ends, after redirects, at the service being logged into: Chromium checks form-action on every hop.
    allowFormActions(reply, await returnToFormActionOrigins(db, flow.returnTo ?? undefined));
    return sendPage(noStore(reply), <ChildrenPage {...props(flow)} children={children} confirmed={confirmed} values={values} errors={errors} />, status);
  };

  app.get('/franceconnect/parcours/:flowId', async (request, reply) => {
    const flow = await open(request, reply);
    if (!flow) return reply;
    switch (flow.state) {
      case 'mobile':
        return showMobile(reply, flow);
      case 'code': {
        const resent = (request.query as Record<string, unknown>).renvoye !== undefined;
        return showCode(reply, flow, 200, undefined, resent ? { kind: 'info', text: REGISTRATION_MESSAGES.codeResent } : undefined);
      }
      default:
        return showChildren(reply, flow);
    }
  });

  app.post('/franceconnect/parcours/:flowId/mobile', async (request, reply) => {
    const opened = await step(request, reply, 'mobile');
    if (!opened) return reply;
    const { flow, fields } = opened;
    const typed = field(fields, 'mobile');
    const outcome = await submitMobile(deps, flow, { mobile: typed, ip: request.ip });
    switch (outcome.kind) {
      case 'invalid':
        return showMobile(reply, flow, 400, typed, outcome.error);
      case 'throttled':
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        return showMobile(reply, flow, 429, typed, undefined, { kind: 'error', text: waitMessage(outcome.retryAfterSeconds) });
      case 'refused':
        return showMobile(reply, flow, 200, typed, undefined, { kind: 'error', text: outcome.message });
      case 'code_sent':
        return reply.redirect(pairingPath(flow.id), 303);
    }
  });

  app.post('/franceconnect/parcours/:flowId/code', async (request, reply) => {
    const opened = await step(request, reply, 'code');
    if (!opened) return reply;
    const { flow, fields } = opened;
    const mobileKey = mobileThrottleKey(flow.data.mobile!);
    const result = await checkFlowCode(deps.accounts, flow, {
      typed: field(fields, 'code'),
      keys: [mobileKey, codeIpKey(request.ip)],
      clearOnSuccess: [mobileKey],
      ip: request.ip,
      audit: 'franceconnect.code_failed',
    });
    switch (result.kind) {
      case 'valid': {
        const { code: _used, ...data } = flow.data;
        await updateFlow(db, flow.id, { state: 'children', data }, clock());
        return reply.redirect(pairingPath(flow.id), 303);
      }
      default: {
        const { status, message } = refusedCodeAnswer(result);
        if (result.kind === 'throttled') reply.header('retry-after', String(result.retryAfterSeconds));
        return showCode(reply, flow, status, message);
      }
    }
  });

  app.post('/franceconnect/parcours/:flowId/nouveau-code', async (request, reply) => {
    const opened = await step(request, reply, 'code');
    if (!opened) return reply;
    const { flow } = opened;
    const sent = await sendFlowCode(
      deps.accounts,
      deps.boss,
      flow,
      { state: 'code', data: flow.data },
      { mobile: flow.data.mobile!, text: (code) => franceConnectSmsText(realm.displayName, code), template: 'franceconnect-code' },
      { action: 'franceconnect.code_sent', ip: request.ip, details: { resend: true } },
    );
    switch (sent.kind) {
      case 'sent':
        return reply.redirect(`${pairingPath(flow.id)}?renvoye=1`, 303);
      case 'too_soon':
        return showCode(reply, flow, 429, undefined, { kind: 'error', text: REGISTRATION_MESSAGES.resendTooSoon(sent.waitSeconds) });
      case 'too_many_sends':
        return showCode(reply, flow, 429, undefined, { kind: 'error', text: M.codeResendExhausted });
      case 'quota':
        return showCode(reply, flow, 429, undefined, { kind: 'error', text: M.smsQuota });
    }
  });

  app.post('/franceconnect/parcours/:flowId/enfants', async (request, reply) => {
    const opened = await step(request, reply, 'children');
    if (!opened) return reply;
    const { flow, fields } = opened;
    const typed = typedBirthDates(fields);
    const outcome = await confirmChildren(deps, flow, typed, 'linking');
    if (outcome.kind === 'too_many') {
      await recordAudit(db, { kind: 'system', ip: request.ip }, [{ action: 'franceconnect.refused', details: { reason: 'birth_dates' } }], clock());
      return refuse(reply, 'Dates de naissance refusées', M.tooManyBirthDates, 403, flow.returnTo);
    }
    const moved = await loadFlow<FranceConnectData>(db, flow.id, FRANCECONNECT_FLOW, clock());
    if (!moved) return gone(reply);
    if (outcome.kind === 'retry') {
      if (Object.keys(outcome.errors).length > 0) {
        await recordAudit(db, { kind: 'system', ip: request.ip }, [{ action: 'franceconnect.birth_date_refused', details: { flow: flow.id } }], clock());
      }
      return showChildren(reply, moved, 400, typed, outcome.errors);
    }
    const children = await offeredChildren(deps, moved);
    const pairing = await completePairing(deps, moved, { guardianIds: confirmedReferences(children, moved.data), ip: request.ip });
    if (pairing.kind === 'nothing_to_link') {
      await deleteFlow(db, flow.id);
      return refuse(reply, 'Compte introuvable', M.nothingToLink, 409, flow.returnTo);
    }
    const token = await startFranceConnectSession(deps.accounts, { accountId: pairing.accountId, idToken: moved.data.idToken!, ip: request.ip });
    await deleteFlow(db, flow.id);
    setAccountSessionCookie(reply, deps.issuer, token);
    return reply.redirect(destinationAfter(flow.returnTo), 303);
  });
}
