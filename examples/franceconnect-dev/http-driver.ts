// Drives the development FranceConnect over HTTP with fetch, as a browser would, for tests that have no browser:
// GET authorize → the identity page → POST the chosen identity → redirects → the relying party's callback URL,
// returned without being fetched (no relying-party server is needed).
import { FRANCECONNECT_DEV_IDENTITIES, type FranceConnectDevIdentity } from './identities.ts';

/** A minimal cookie jar for one test "browser": name → value, for the dev provider only (paths are ignored). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (at < 1) continue;
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Follows redirects from `url` until one points under `stopAt` (returned, not fetched) or a page answers
 * (returned with its response).
 */
export async function follow(
  jar: CookieJar,
  start: string | URL,
  stopAt: string,
  init: { method?: string; body?: URLSearchParams } = {},
): Promise<{ url: URL; response?: Response }> {
  let url = new URL(start);
  let request = init;
  for (let hops = 0; hops < 12; hops++) {
    if (url.href.startsWith(stopAt)) return { url };
    const response = await fetch(url, { method: request.method ?? 'GET', body: request.body, redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(response);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { url, response };
    await response.body?.cancel();
    url = new URL(location, url);
    request = {};
  }
  throw new Error(`too many redirects from ${String(start)}`);
}

/**
 * Signs in at the development FranceConnect from an authorization URL and returns the callback URL it sends the
 * browser to (code and state, or error=access_denied when `cancel`). With a live FranceConnect session in the
 * jar, no page is shown and the callback comes at once (later logins in one click).
 */
export async function signInAtFranceConnectDev(
  authorizeUrl: string,
  options: { redirectUri: string; identity?: FranceConnectDevIdentity | string; cancel?: boolean; jar?: CookieJar },
): Promise<URL> {
  const jar = options.jar ?? new CookieJar();
  const first = await follow(jar, authorizeUrl, options.redirectUri);
  if (!first.response) return first.url;
  const page = await first.response.text();
  if (first.response.status !== 200) throw new Error(`FranceConnect (dev) answered ${first.response.status}: ${page.slice(0, 200)}`);
  const action = /<form method="post" action="([^"]+)"/i.exec(page)?.[1];
  const cancelAction = /formaction="([^"]+)"/i.exec(page)?.[1];
  if (!action || !cancelAction) throw new Error('no identity form on the FranceConnect (dev) page');
  const chosen = options.identity ?? FRANCECONNECT_DEV_IDENTITIES[0]!;
  const sub = typeof chosen === 'string' ? chosen : chosen.sub;
  const body = new URLSearchParams(options.cancel ? {} : { identity: sub });
  const last = await follow(jar, new URL(options.cancel ? cancelAction : action, first.url), options.redirectUri, { method: 'POST', body });
  if (last.response) throw new Error(`FranceConnect (dev) stopped at ${last.url.pathname} with ${last.response.status}`);
  return last.url;
}
