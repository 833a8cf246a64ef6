// Pages are server-rendered with Preact: escaping by default, a whole document per response.
import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(`<!doctype html>${renderToString(page)}`);
}
