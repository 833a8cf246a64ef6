// DESIGN.md: a provisional password is kept only AES-256-GCM encrypted, under a key from GUICHET_SECRET,
// with a key id so that keys can be rotated (older keys stay readable through GUICHET_SECRET_PREVIOUS).
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SecretBox {
  /** Encrypts `plain`, bound to `context` (the account id): a sealed value moved to another row does not open. */
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
  readonly keyId: string;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

interface Key {
  id: string;
  bytes: Buffer;
}

function deriveKey(secret: string): Key {
  const bytes = Buffer.from(hkdfSync('sha256', secret, 'guichet', 'provisional-password/v1', 32));
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 8), bytes };
}

export function createSecretBox(secret: string, previousSecrets: readonly string[] = []): SecretBox {
  const current = deriveKey(secret);
  const keys = new Map<string, Key>([current, ...previousSecrets.map(deriveKey)].map((k) => [k.id, k]));
  return {
    keyId: current.id,
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.bytes, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', current.id, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed, context) {
      const [version, keyId, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || !keyId || !iv || body === undefined || !tag) throw new SecretBoxError('Valeur chiffrée illisible.');
      const key = keys.get(keyId);
      if (!key) throw new SecretBoxError(`Clé ${keyId} inconnue : ajoutez l'ancien secret à GUICHET_SECRET_PREVIOUS.`);
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('Valeur chiffrée altérée ou clé erronée.');
      }
    },
  };
}

/** Embedded mode: a key generated once and kept in the data folder, readable by its owner only. */
export function embeddedSecret(dataDir: string): string {
  const path = join(dataDir, 'secret.key');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return secret;
}
