// The development FranceConnect's keys: generated at start (dev only), never written anywhere; and the
// re-signing that the failure switches use to forge a bad signature or a wrong audience.
import { generateKeyPair as generateKeyPairCallback, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { decodeJwt, decodeProtectedHeader, SignJWT, type JWK, type JWTHeaderParameters } from 'jose';

export type Alg = 'ES256' | 'RS256';

const generateKeyPair = promisify(generateKeyPairCallback);

export async function newSigningKey(alg: Alg): Promise<KeyObject> {
  const { privateKey } =
    alg === 'ES256' ? await generateKeyPair('ec', { namedCurve: 'P-256' }) : await generateKeyPair('rsa', { modulusLength: 2048 });
  return privateKey;
}

export const algOf = (jwk: JWK): Alg => (jwk.alg === 'RS256' || (!jwk.alg && jwk.kty === 'RSA') ? 'RS256' : 'ES256');

/**
 * An ES256 and an RS256 private key, as JWKs, for oidc-provider's jwks setting. A new kid at every start: a relying
 * party still holding the previous JWKS then sees an unknown kid and fetches the keys again.
 */
export async function generateSigningJwks(): Promise<JWK[]> {
  const run = randomBytes(4).toString('hex');
  return Promise.all(
    (['ES256', 'RS256'] as const).map(async (alg) => {
      const jwk = (await newSigningKey(alg)).export({ format: 'jwk' });
      return { ...jwk, alg, use: 'sig', kid: `fc-dev-${alg.toLowerCase()}-${run}` } as JWK;
    }),
  );
}

/** The same JWT (same header, hence the same kid) signed again with `key`, its claims changed by `change`. */
export async function resign(jwt: string, key: KeyObject, change: (claims: Record<string, unknown>) => Record<string, unknown> = (c) => c) {
  const header = decodeProtectedHeader(jwt) as JWTHeaderParameters;
  return new SignJWT(change({ ...decodeJwt(jwt) })).setProtectedHeader(header).sign(key);
}
