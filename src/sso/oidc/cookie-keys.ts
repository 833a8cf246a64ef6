// Keys that sign oidc-provider's cookies (session, interaction), derived from the deployment's secret with HKDF
// under their own label, so they share nothing with the SecretBox key. Every process derives the same keys;
// a rotated secret stays accepted through GUICHET_SECRET_PREVIOUS (Koa's keygrip signs with the first).
import { hkdfSync } from 'node:crypto';

export function oidcCookieKeys(secret: string, previousSecrets: readonly string[] = []): string[] {
  return [secret, ...previousSecrets].map((s) => Buffer.from(hkdfSync('sha256', s, 'guichet', 'oidc-cookies/v1', 32)).toString('base64url'));
}
