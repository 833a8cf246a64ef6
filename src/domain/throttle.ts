// Security baseline: throttling of login, code and recovery attempts with growing delays — never a hard
// lockout that a stranger could use to lock a family or a school head out.

/** Failures allowed before any delay: few for one account, many for one address (a school's or a family
 * provider's NAT puts hundreds of honest people behind one IP). */
export const FREE_ATTEMPTS = { account: 3, ip: 30 } as const;
export type ThrottleScope = keyof typeof FREE_ATTEMPTS;
/** The delay never grows past this. */
export const MAX_DELAY_SECONDS = 15 * 60;
/** Failures older than this are forgotten. */
export const FAILURE_MEMORY_SECONDS = 24 * 60 * 60;

/** The wait imposed after `failures` consecutive failures: 0 for the first few, then 2, 4, 8 … seconds. */
export function throttleDelaySeconds(failures: number, scope: ThrottleScope = 'account'): number {
  const free = FREE_ATTEMPTS[scope];
  if (failures < free) return 0;
  return Math.min(2 ** (failures - free + 1), MAX_DELAY_SECONDS);
}

/** French sentence telling how long to wait, rounded up to what a person reads. */
export function waitMessage(seconds: number): string {
  if (seconds <= 60) return `Trop de tentatives : réessayez dans ${Math.max(1, Math.ceil(seconds))} seconde(s).`;
  return `Trop de tentatives : réessayez dans ${Math.ceil(seconds / 60)} minute(s).`;
}
