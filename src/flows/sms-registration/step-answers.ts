// What the code and children steps answer, shared by SMS registration and FranceConnect's first connection:
// one mapping from a refused code to its status and French sentence, one reading of the typed birth dates.
import { waitMessage } from '../../domain/throttle.ts';
import type { CodeStepResult } from './code-step.ts';
import { REGISTRATION_MESSAGES as M } from './messages.ts';

/** A refused code: the HTTP status and the sentence shown under the field. */
export function refusedCodeAnswer(result: Exclude<CodeStepResult, { kind: 'valid' }>): { status: number; message: string } {
  switch (result.kind) {
    case 'throttled':
      return { status: 429, message: waitMessage(result.retryAfterSeconds) };
    case 'malformed':
      return { status: 400, message: M.codeMalformed };
    case 'wrong':
      return { status: 400, message: M.codeWrong(result.remaining) };
    case 'expired':
      return { status: 400, message: M.codeExpired };
    case 'exhausted':
      return { status: 400, message: M.codeExhausted };
  }
}

/** The birth dates typed on the children page, by child id (fields `naissance-<id>`). */
export function typedBirthDates(fields: Record<string, string>): Record<number, string> {
  const typed: Record<number, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    const id = /^naissance-(\d{1,10})$/.exec(name)?.[1];
    if (id) typed[Number(id)] = value;
  }
  return typed;
}
