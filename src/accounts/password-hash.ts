// DESIGN.md: Argon2id with OWASP's parameters for passwords people choose; it runs on libuv's thread pool.
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { timingSafeEqual } from 'node:crypto';

// Algorithm is a const enum, which verbatimModuleSyntax cannot import as a value: 2 is Argon2id.
const ARGON2ID = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function verifyPasswordHash(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Constant-time comparison of two strings (provisional passwords, codes). */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
