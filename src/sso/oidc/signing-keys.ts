// The JWKS that signs ID tokens: generated at the first start, kept sealed in signing_keys, loaded by every
// process (DESIGN.md: scale-out; a restart keeps the key, so tokens already issued stay verifiable).
import { createHash, generateKeyPair, type JsonWebKey } from 'node:crypto';
import { promisify } from 'node:util';
import { desc, isNull, sql } from 'drizzle-orm';
import type { SecretBox } from '../../accounts/secret-box.ts';
import type { Database } from '../../db/client.ts';
import { signingKeys } from '../../db/schema.ts';

/** RS256: the algorithm every OIDC client supports (the OIDC default for id_token_signed_response_alg). */
export const SIGNING_ALG = 'RS256';
const generate = promisify(generateKeyPair);
/** One advisory lock key for "create the first signing key": two processes starting together make one key. */
const LOCK_KEY = 0x6f696463; // 'oidc'

export interface PrivateJwk extends JsonWebKey {
  kid: string;
  alg: string;
  use: 'sig';
}

/** RFC 7638 thumbprint of an RSA public key: a stable kid derived from the key itself. */
function thumbprint(jwk: JsonWebKey): string {
  const json = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return createHash('sha256').update(json).digest('base64url');
}

async function newPrivateJwk(): Promise<PrivateJwk> {
  const { privateKey } = await generate('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: thumbprint(jwk), alg: SIGNING_ALG, use: 'sig' };
}

/** The active keys, newest first (the first one signs); creates the first key when there is none. */
export async function loadSigningKeys(db: Database, secretBox: SecretBox): Promise<PrivateJwk[]> {
  const active = await readActive(db, secretBox);
  if (active.length > 0) return active;
  const candidate = await newPrivateJwk(); // generated outside the transaction: ~50 ms of CPU
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
    const [existing] = await tx.select({ kid: signingKeys.kid }).from(signingKeys).where(isNull(signingKeys.retiredAt)).limit(1);
    if (existing) return; // another process made the first key while this one was generating
    await tx
      .insert(signingKeys)
      .values({ kid: candidate.kid, sealedJwk: secretBox.seal(JSON.stringify(candidate), candidate.kid) })
      .onConflictDoNothing({ target: signingKeys.kid });
  });
  return readActive(db, secretBox);
}

async function readActive(db: Database, secretBox: SecretBox): Promise<PrivateJwk[]> {
  const rows = await db
    .select({ kid: signingKeys.kid, sealedJwk: signingKeys.sealedJwk })
    .from(signingKeys)
    .where(isNull(signingKeys.retiredAt))
    .orderBy(desc(signingKeys.createdAt), desc(signingKeys.kid));
  return rows.map((row) => JSON.parse(secretBox.open(row.sealedJwk, row.kid)) as PrivateJwk);
}
