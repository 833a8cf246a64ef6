// SPEC §4 Lister les comptes (guide §5.4): "Imprimer la liste des responsables (format pdf | csv)", posted
// from the Responsables page with the checked accounts.
import { z } from 'zod';
import type { ListSelection } from './queries.ts';
import { sendPage } from '../../http/render.tsx';
import { adminContext, checkCsrf, requireEstablishment } from '../http/guards.ts';
import type { AdminRoutes } from '../http/plugin.tsx';
import { listAccounts } from './service.ts';
import { EmptySelectionPage } from './views.tsx';

const MAX_ACCOUNTS = 10_000;

// A ticked row is `accountId:studentId` (a list prints exactly the ticked rows); a bare account id stands for all of
// its children here. Anything else is dropped like a forged id: it cannot match an account here.
function parseSelection(values: string[]): ListSelection[] {
  const seen = new Set<string>();
  const selection: ListSelection[] = [];
  for (const value of values) {
    const [accountId = '', studentId] = value.trim().toLowerCase().split(':');
    if (!z.uuid().safeParse(accountId).success || (studentId !== undefined && !/^\d{1,10}$/.test(studentId))) continue;
    const key = `${accountId}:${studentId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    selection.push({ accountId, studentId: studentId === undefined ? null : Number(studentId) });
  }
  return selection;
}

const ListForm = z.object({
  format: z.enum(['pdf', 'csv']),
  accountIds: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => parseSelection(([] as string[]).concat(v ?? [])).slice(0, MAX_ACCOUNTS)),
});

export const exportRoutes: AdminRoutes = (app, deps) => {
  app.post('/admin/responsables/liste', { preHandler: requireEstablishment, preValidation: checkCsrf }, async (request, reply) => {
    const { session, establishment } = adminContext(request);
    const parsed = ListForm.safeParse(request.body ?? {});
    if (!parsed.success) return reply.status(400).type('text/plain; charset=utf-8').send('Format de liste inconnu : pdf ou csv.');
    const outcome = await listAccounts(deps, { session, establishment, format: parsed.data.format, selection: parsed.data.accountIds, ip: request.ip });
    if (!outcome.ok) return sendPage(reply, <EmptySelectionPage realm={deps.realm} session={session} />, 400);
    return reply
      .header('content-type', outcome.contentType)
      .header('content-disposition', `attachment; filename="${outcome.fileName}"`)
      .send(outcome.body);
  });
};
