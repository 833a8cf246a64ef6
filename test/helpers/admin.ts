// Signing in to the console in tests, through the real pages: cookies and CSRF tokens as a browser keeps them.
import type { TestInstance } from './test-instance.ts';

export interface AdminAgent {
  get(url: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }>;
  post(url: string, form: Record<string, string | string[]>): Promise<{ status: number; body: string; headers: Record<string, unknown> }>;
  csrf(): Promise<string>;
  cookies: Map<string, string>;
}

export function adminAgent(g: TestInstance): AdminAgent {
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
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const agent: AdminAgent = {
    cookies,
    async get(url) {
      const r = await g.app.inject({ method: 'GET', url, headers: { cookie: cookieHeader() } });
      keep(r.headers['set-cookie']);
      return { status: r.statusCode, body: r.body, headers: r.headers };
    },
    async post(url, form) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const one of ([] as string[]).concat(v)) body.append(k, one);
      const r = await g.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      });
      keep(r.headers['set-cookie']);
      return { status: r.statusCode, body: r.body, headers: r.headers };
    },
    async csrf() {
      const page = await agent.get('/admin');
      const match = /name="_csrf" value="([^"]+)"/.exec(page.body);
      if (!match) throw new Error(`no CSRF token on /admin (status ${page.status})`);
      return match[1]!;
    },
  };
  return agent;
}

/** Signs in through /admin/connexion; returns the agent with its session cookie. */
export async function signedInAdmin(g: TestInstance, login: string, password = 'Demo-Guichet-2026'): Promise<AdminAgent> {
  const agent = adminAgent(g);
  const page = await agent.get('/admin/connexion');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const result = await agent.post('/admin/connexion', { login, password, _csrf: csrf });
  if (result.status !== 303) throw new Error(`sign-in of ${login} failed: ${result.status}\n${result.body.slice(0, 500)}`);
  return agent;
}
