// SPEC §4: "an empty selection gets a clear message and changes nothing"; ids not visible from the
// establishment get the same 404 as unknown ones (an admin learns nothing of another establishment).
import type { FastifyReply } from 'fastify';
import { sendPage } from '../../http/render.tsx';
import type { StaffSession } from '../auth/session.ts';
import type { AdminDeps } from '../deps.ts';
import { ACCOUNT_NOT_FOUND, NotFoundPage, SELECTION_NOT_FOUND } from './views/not-found-page.tsx';

/** Nothing checked: back to the list with the guide's request to select; an id not visible here: 404. */
export function refuseSelection(reply: FastifyReply, deps: AdminDeps, session: StaffSession, from: 'liste' | 'compte', submitted: number) {
  if (submitted === 0 && from === 'liste') return reply.redirect('/admin/responsables?retour=1&selection=vide', 303);
  const single = from === 'compte';
  return sendPage(
    reply,
    <NotFoundPage realm={deps.realm} session={session} title={single ? 'Compte introuvable' : 'Comptes introuvables'} message={single ? ACCOUNT_NOT_FOUND : SELECTION_NOT_FOUND} />,
    404,
  );
}

/** A form the console never sends (no channel, a forged request id): nothing done, a plain French page. */
export function badRequest(reply: FastifyReply, deps: AdminDeps, session: StaffSession) {
  return sendPage(
    reply,
    <NotFoundPage realm={deps.realm} session={session} title="Demande incorrecte" message="La demande est incorrecte : revenez à la liste des responsables et recommencez." />,
    400,
  );
}
