// The account lifecycle (SPEC §3): each use case is one function and one transaction; this binds them to their deps.
import type { Actor } from '../audit/record.ts';
import { checkCredentials } from './credentials.ts';
import type { AccountsDeps } from './deps.ts';
import { notifyAccounts, type NotifyRequest } from './notify.ts';
import { precreateAccounts, type PrecreateRequest } from './precreate.ts';
import { resetPasswords } from './reset.ts';
import { setOwnPassword } from './set-password.ts';

export type AccountsService = ReturnType<typeof createAccountsService>;

export function createAccountsService(deps: AccountsDeps) {
  return {
    precreate: (requests: readonly PrecreateRequest[], actor: Actor) => precreateAccounts(deps, requests, actor),
    notify: (request: NotifyRequest, actor: Actor) => notifyAccounts(deps, request, actor),
    resetPasswords: (request: { accountIds: readonly string[]; establishmentId?: number }, actor: Actor) =>
      resetPasswords(deps, request, actor),
    setOwnPassword: (request: { accountId: string; password: string }, actor: Actor) => setOwnPassword(deps, request, actor),
    checkCredentials: (identifier: string, password: string) => checkCredentials(deps, identifier, password),
  };
}
