// SPEC §5 first login of a guardian (guide §1.3.4–§1.3.5): GET shows the page of the flow's state, POST runs
// that step (POST-redirect-GET on success, the page again with its errors otherwise).
import { allowFormActions, returnToFormActionOrigins } from '../../sso/oidc/return-to-origins.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describePasswordPolicy } from '../../domain/password-policy.ts';
import { sendPage } from '../../http/render.tsx';
import type { ActivationDeps } from '../http-kit/deps.ts';
import { csrfMatches, field, formFields, noStore } from '../http-kit/form.ts';
import { openFlow } from '../http-kit/flow-access.ts';
import { CsrfRefusedPage, FlowGonePage, MessagePage } from '../http-kit/flow-views.tsx';
import { policyOf } from '../http-kit/password-choice.ts';
import { destinationAfter, setAccountSessionCookie } from '../http-kit/session-cookie.ts';
import { childToName } from './child-to-name.ts';
import {
  choosePassword,
  giveChildBirthDate,
  giveEmail,
  GUARDIAN_ACTIVATION,
  loadAccount,
  reopenEmailStep,
  type GuardianFlow,
  type GuardianFlowData,
  type StepOutcome,
} from './steps.ts';
import { BirthDateStepPage, EmailStepPage, PasswordStepPage, SentPage } from './views.tsx';

export const GUARDIAN_ACTIVATION_PATH = '/premiere-connexion';

type Params = { Params: { flowId: string } };
type Errors = Record<string, string[] | undefined>;

export async function registerGuardianActivationRoutes(app: FastifyInstance, deps: ActivationDeps): Promise<void> {
  const realm = deps.accounts.realm;
  const pathOf = (flowId: string) => `${GUARDIAN_ACTIVATION_PATH}/${flowId}`;

  /** The page of the flow's current state, with the errors of a refused form. */
  async function showStep(reply: FastifyReply, flow: GuardianFlow, errors: Errors = {}, remaining?: number): Promise<FastifyReply> {
    const account = await loadAccount(deps, flow.accountId);
    if (!account) return sendPage(reply, <FlowGonePage realm={realm} />, 404);
    // An activated account whose password was reset goes on to the service after this form (form-action hops).
    allowFormActions(reply, await returnToFormActionOrigins(deps.accounts.db, flow.returnTo ?? undefined));
    const common = {
      realm,
      flowId: flow.id,
      csrf: flow.csrfToken,
      identifier: account.identifier,
      step: account.state === 'notifie' ? { password: 1, email: 2, birthdate: 3 }[flow.state] : undefined,
    };
    const status = Object.keys(errors).length > 0 ? 400 : 200;
    switch (flow.state) {
      case 'password':
        return sendPage(
          reply,
          <PasswordStepPage {...common} rule={describePasswordPolicy(policyOf(deps.accounts, account.kind))} errors={errors} afterReset={account.state === 'active'} />,
          status,
        );
      case 'email':
        return sendPage(
          reply,
          <EmailStepPage {...common} email={flow.data.email ?? account.email ?? ''} errors={errors} correction={account.state !== 'notifie'} />,
          status,
        );
      case 'birthdate': {
        const child = await childToName(deps.accounts.db, account.id, flow.data.childStudentId);
        if (!child) return sendPage(reply, <FlowGonePage realm={realm} />, 404);
        return sendPage(reply, <BirthDateStepPage {...common} child={child} errors={errors} remaining={remaining} />, status);
      }
      case 'sent':
        return sendPage(reply, <SentPage {...common} email={flow.data.email ?? account.email ?? ''} />);
      default:
        return sendPage(reply, <FlowGonePage realm={realm} />, 404);
    }
  }

  async function open(request: FastifyRequest<Params>, reply: FastifyReply): Promise<GuardianFlow | null> {
    noStore(reply);
    const access = await openFlow<GuardianFlowData>(deps.accounts.db, request.params.flowId, GUARDIAN_ACTIVATION, deps.accounts.clock());
    if (access.ok) return access.flow;
    await sendPage(reply, <FlowGonePage realm={realm} />, access.status);
    return null;
  }

  app.get<Params>(`${GUARDIAN_ACTIVATION_PATH}/:flowId`, async (request, reply) => {
    const flow = await open(request, reply);
    return flow ? showStep(reply, flow) : reply;
  });

  app.post<Params>(`${GUARDIAN_ACTIVATION_PATH}/:flowId`, async (request, reply) => {
    const flow = await open(request, reply);
    if (!flow) return reply;
    const form = formFields(request.body);
    if (!csrfMatches(form, flow)) return sendPage(reply, <CsrfRefusedPage realm={realm} back={pathOf(flow.id)} />, 403);
    // A form of another step (the back button, a second tab): show where the flow is now.
    if (field(form, 'etape') !== flow.state) return reply.redirect(pathOf(flow.id), 303);

    let outcome: StepOutcome<string>;
    switch (flow.state) {
      case 'password':
        outcome = await choosePassword(deps, flow, { password: field(form, 'password'), confirmation: field(form, 'confirmation') }, request.ip);
        break;
      case 'email':
        outcome = await giveEmail(deps, flow, { email: field(form, 'email') }, request.ip);
        break;
      case 'birthdate':
        outcome = await giveChildBirthDate(deps, flow, { birthDate: field(form, 'birthDate') }, request.ip);
        break;
      case 'sent':
        outcome = await reopenEmailStep(deps, flow);
        break;
      default:
        outcome = { kind: 'next' };
    }
    switch (outcome.kind) {
      case 'next':
        return reply.redirect(pathOf(flow.id), 303);
      case 'invalid': {
        // Keep what the person typed in the address field; never a password or a birth date.
        const shown = flow.state === 'email' ? { ...flow, data: { ...flow.data, email: field(form, 'email') } } : flow;
        return showStep(reply, shown, outcome.errors, outcome.remaining);
      }
      case 'session':
        setAccountSessionCookie(reply, deps.issuer, outcome.token);
        return reply.redirect(destinationAfter(flow.returnTo), 303);
      case 'ended':
        return sendPage(
          reply,
          <MessagePage
            realm={realm}
            title={outcome.title}
            paragraphs={outcome.paragraphs}
            link={{ href: '/', text: 'Retour à la page de connexion' }}
          />,
          outcome.status,
        );
    }
  });
}
