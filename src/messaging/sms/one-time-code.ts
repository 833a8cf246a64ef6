// Security baseline for the 6-digit codes sent by SMS (SPEC §5 registration and password recovery): drawn from
// the injected CSPRNG, kept only as a hash bound to the flow, valid 10 minutes, 5 tries, 3 sends 60 s apart.
// Pure: the state lives in the flow's data, the caller stores what these functions return.
import { createHash } from 'node:crypto';
import type { RandomInt } from '../../domain/provisional-password.ts';
import { sameSecret } from '../../accounts/password-hash.ts';

export const CODE_LENGTH = 6;
export const CODE_TTL_MS = 10 * 60 * 1000;
export const MAX_CODE_ATTEMPTS = 5;
export const MAX_CODE_SENDS = 3;
export const RESEND_INTERVAL_MS = 60 * 1000;

/** What a flow keeps of its code: never the code itself. Dates are ISO strings (the flow's data is JSON). */
export interface CodeState {
  hash: string;
  expiresAt: string;
  /** Wrong tries of the current code. */
  attempts: number;
  /** Codes sent in this flow, the first included. */
  sends: number;
  lastSentAt: string;
}

export type IssueResult = { ok: true; code: string; state: CodeState } | { ok: false; reason: 'too_many_sends' } | { ok: false; reason: 'too_soon'; waitSeconds: number };

export type CheckResult =
  | { outcome: 'valid' }
  | { outcome: 'wrong'; remaining: number }
  | { outcome: 'expired' }
  | { outcome: 'exhausted' }
  | { outcome: 'malformed' };

/** SHA-256 of the code salted with the flow id: the same code in two flows never gives the same hash. */
export function codeHash(flowId: string, code: string): string {
  return createHash('sha256').update(`${flowId}:${code}`).digest('base64url');
}

export function drawCode(randomInt: RandomInt): string {
  return String(randomInt(10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
}

/** A first code, or a new one replacing the previous (its tries start again), within the send limits. */
export function issueCode(previous: CodeState | undefined, flowId: string, randomInt: RandomInt, now: Date): IssueResult {
  if (previous) {
    if (previous.sends >= MAX_CODE_SENDS) return { ok: false, reason: 'too_many_sends' };
    const wait = new Date(previous.lastSentAt).getTime() + RESEND_INTERVAL_MS - now.getTime();
    if (wait > 0) return { ok: false, reason: 'too_soon', waitSeconds: Math.ceil(wait / 1000) };
  }
  const code = drawCode(randomInt);
  return {
    ok: true,
    code,
    state: {
      hash: codeHash(flowId, code),
      expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
      attempts: 0,
      sends: (previous?.sends ?? 0) + 1,
      lastSentAt: now.toISOString(),
    },
  };
}

/** The code as typed, spaces removed; null when it is not 6 digits (such a typo costs no try). */
export function typedCode(typed: string): string | null {
  const code = typed.replace(/[\s\u00a0-]/g, '');
  return new RegExp(`^\\d{${CODE_LENGTH}}$`).test(code) ? code : null;
}

/** Checks a typed code; the caller saves `attempts + 1` on 'wrong' and drops the state once 'valid'. */
export function checkCode(state: CodeState | undefined, flowId: string, typed: string, now: Date): CheckResult {
  const code = typedCode(typed);
  if (code === null) return { outcome: 'malformed' };
  if (!state) return { outcome: 'wrong', remaining: 0 };
  if (state.attempts >= MAX_CODE_ATTEMPTS) return { outcome: 'exhausted' };
  if (new Date(state.expiresAt) <= now) return { outcome: 'expired' };
  if (sameSecret(codeHash(flowId, code), state.hash)) return { outcome: 'valid' };
  return { outcome: 'wrong', remaining: MAX_CODE_ATTEMPTS - state.attempts - 1 };
}
