// SPEC §5 student activation (seed 003): GET shows the page of the flow's state, POST activates
// (POST-redirect-GET with the session cookie on success, the page again with its errors otherwise).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { accounts } from '../../db/schema.ts';
import { describePasswordPolicy } from '../../domain/password-policy.ts';
import { sendPage } from '../../http/render.tsx';
import type { ActivationDeps } from '../http-kit/deps.ts';
import { csrfMatches, field, formFields, noStore } from '../http-kit/form.ts';
import { openFlow } from '../http-kit/flow-access.ts';
import { CsrfRefusedPage, FlowGonePage, MessagePage } from '../http-kit/flow-views.tsx';
import type { FieldErrors } from '../http-kit/messages.ts';
import { policyOf } from '../http-kit/password-choice.ts';
import { destinationAfter, setAccountSessionCookie } from '../http-kit/session-cookie.ts';
import { activateStudent, STUDENT_ACTIVATION, type StudentField, type StudentFlow, type StudentFlowData } from './activate-student.ts';
import { StudentActivatedPage, StudentActivationPage } from './views.tsx';

export const STUDENT_ACTIVATION_PATH = '/activation-eleve';

type Params = { Params: { flowId: string } };

export async function registerStudentActivationRoutes(app: FastifyInstance, deps: ActivationDeps): Promise<void> {
  const realm = deps.accounts.realm;
  const pathOf = (flowId: string) => `${STUDENT_ACTIVATION_PATH}/${flowId}`;

  async function showPage(reply: FastifyReply, flow: StudentFlow, typedEmail = '', errors: FieldErrors<StudentField> = {}, remaining?: number) {
    if (flow.state === 'done') {
      return sendPage(reply, <StudentActivatedPage realm={realm} emailSent={flow.data.emailSent === true} destination={destinationAfter(flow.returnTo)} />);
    }
    const account = await deps.accounts.db.query.accounts.findFirst({ where: eq(accounts.id, flow.accountId) });
    if (!account || flow.state !== 'password') return sendPage(reply, <FlowGonePage realm={realm} />, 404);
    const page = (
      <StudentActivationPage
        realm={realm}
        flowId={flow.id}
        csrf={flow.csrfToken}
        identifier={account.identifier}
        rule={describePasswordPolicy(policyOf(deps.accounts, account.kind))}
        email={typedEmail}
        errors={errors}
        remaining={remaining}
      />
    );
    return sendPage(reply, page, Object.keys(errors).length > 0 ? 400 : 200);
  }

  async function open(request: FastifyRequest<Params>, reply: FastifyReply): Promise<StudentFlow | null> {
    noStore(reply);
    const access = await openFlow<StudentFlowData>(deps.accounts.db, request.params.flowId, STUDENT_ACTIVATION, deps.accounts.clock());
    if (access.ok) return access.flow;
    await sendPage(reply, <FlowGonePage realm={realm} />, access.status);
    return null;
  }

  app.get<Params>(`${STUDENT_ACTIVATION_PATH}/:flowId`, async (request, reply) => {
    const flow = await open(request, reply);
    return flow ? showPage(reply, flow) : reply;
  });

  app.post<Params>(`${STUDENT_ACTIVATION_PATH}/:flowId`, async (request, reply) => {
    const flow = await open(request, reply);
    if (!flow) return reply;
    const form = formFields(request.body);
    if (!csrfMatches(form, flow)) return sendPage(reply, <CsrfRefusedPage realm={realm} back={pathOf(flow.id)} />, 403);
    if (field(form, 'etape') !== flow.state) return reply.redirect(pathOf(flow.id), 303);
    const outcome = await activateStudent(
      deps,
      flow,
      { password: field(form, 'password'), confirmation: field(form, 'confirmation'), birthDate: field(form, 'birthDate'), email: field(form, 'email') },
      request.ip,
    );
    switch (outcome.kind) {
      case 'moved':
        return reply.redirect(pathOf(flow.id), 303);
      case 'invalid':
        return showPage(reply, flow, field(form, 'email'), outcome.errors, outcome.remaining);
      case 'ended':
        return sendPage(reply, <MessagePage realm={realm} title={outcome.title} paragraphs={outcome.paragraphs} link={{ href: '/', text: 'Retour à la page de connexion' }} />, outcome.status);
      case 'activated':
        setAccountSessionCookie(reply, deps.issuer, outcome.token);
        return reply.redirect(pathOf(flow.id), 303);
    }
  });
}
