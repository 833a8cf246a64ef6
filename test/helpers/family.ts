// A browser-like agent for the family pages in tests: keeps cookies, reads CSRF fields, follows nothing by itself.
import type { TestInstance } from './test-instance.ts';

export interface FamilyResponse {
  status: number;
  body: string;
  location: string | undefined;
}

export function familyAgent(g: TestInstance, remoteAddress = '127.0.0.1') {
  const cookies = new Map<string, string>();
  const keep = (setCookie: unknown) => {
    for (const line of ([] as string[]).concat((setCookie as string[] | string | undefined) ?? [])) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const v = value.join('=');
      if (v === '' || /Expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name!.trim());
      else cookies.set(name!.trim(), v);
    }
  };
  const headers = () => ({ cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') });
  const wrap = (r: { statusCode: number; body: string; headers: Record<string, unknown> }): FamilyResponse => {
    keep(r.headers['set-cookie']);
    return { status: r.statusCode, body: r.body, location: r.headers.location as string | undefined };
  };
  const agent = {
    cookies,
    async get(url: string) {
      return wrap(await g.app.inject({ method: 'GET', url, headers: headers(), remoteAddress }));
    },
    async post(url: string, form: Record<string, string | string[]>) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const one of ([] as string[]).concat(v)) body.append(k, one);
      return wrap(
        await g.app.inject({
          method: 'POST',
          url,
          payload: body.toString(),
          headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' },
          remoteAddress,
        }),
      );
    },
    /** Opens the login page (optionally with ?retour=) and posts the credentials with its CSRF token. */
    async logIn(identifier: string, password: string, returnTo?: string) {
      const page = await agent.get(returnTo ? `/?retour=${encodeURIComponent(returnTo)}` : '/');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      return agent.post('/login', { identifier, password, _csrf: csrf, ...(returnTo ? { retour: returnTo } : {}) });
    },
  };
  return agent;
}

export function csrfOf(body: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1]!;
}
