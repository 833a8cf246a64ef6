// SPEC §5 SMS registration, first step (guide §1.3.4): last name, first name and mobile → the person's references
// → a code by SMS. An unknown person gets the guide's message (the school corrects its records, §3.2); see
// README.md of this folder for why that answer is given openly and how it is throttled.
import { recordAudit } from '../../audit/record.ts';
import { recordFailure, throttleWait, type ThrottleKey } from '../../auth/throttle.ts';
import { isMobileNumber, maskMobile, normalizeMobile } from '../../messaging/sms/phone-number.ts';
import type { Flow } from '../flow-store.ts';
import { mobileThrottleKey, sendFlowCode } from './code-step.ts';
import type { SelfServiceDeps } from './deps.ts';
import { REGISTRATION_MESSAGES as M, registrationSmsText } from './messages.ts';
import { canRegisterBySms, childrenOfReferences, findReferences } from './references.ts';
import type { RegistrationData } from './registration-flow.ts';

export type IdentityField = 'lastName' | 'firstName' | 'mobile';

export type IdentityOutcome =
  | { kind: 'invalid'; errors: Partial<Record<IdentityField, string>> }
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'refused'; message: string }
  | { kind: 'code_sent' };

/**
 * Probes of names and numbers from one address: 'account' thresholds (3 free, then 2 s, 4 s … up to 15 min),
 * stricter than the login's per-IP scope, since each answer tells whether a person is known.
 */
export function registrationIpKey(ip: string): ThrottleKey {
  return { key: `sms-registration:ip:${ip}`, scope: 'account' };
}

/** SPEC §5 "the person is found among guardians by these three → a code by SMS". */
export async function submitIdentity(
  deps: SelfServiceDeps,
  flow: Flow<RegistrationData>,
  input: { lastName: string; firstName: string; mobile: string; ip: string },
): Promise<IdentityOutcome> {
  const { accounts } = deps;
  const now = accounts.clock();
  const lastName = input.lastName.trim();
  const firstName = input.firstName.trim();
  const errors: Partial<Record<IdentityField, string>> = {};
  if (!lastName) errors.lastName = M.lastNameMissing;
  if (!firstName) errors.firstName = M.firstNameMissing;
  const mobile = normalizeMobile(input.mobile);
  if (!input.mobile.trim()) errors.mobile = M.mobileMissing;
  else if (!mobile || !isMobileNumber(mobile)) errors.mobile = M.mobileInvalid;
  if (Object.keys(errors).length > 0 || !mobile) return { kind: 'invalid', errors };

  const keys = [registrationIpKey(input.ip), mobileThrottleKey(mobile)];
  const wait = await throttleWait(accounts.db, keys, now);
  if (wait > 0) return { kind: 'throttled', retryAfterSeconds: Math.ceil(wait) };

  const references = await findReferences(accounts.db, { lastName, firstName, mobile });
  const open = references.filter(canRegisterBySms);
  const children = await childrenOfReferences(accounts.db, accounts.realm, open.map((r) => r.guardianId));
  if (open.length === 0 || children.length === 0) {
    const active = references.some((r) => r.accountState === 'active');
    const reason = active ? 'already_active' : open.length > 0 ? 'no_child' : 'unknown';
    await accounts.db.transaction(async (tx) => {
      await recordFailure(tx, keys, now);
      await recordAudit(tx, { kind: 'system', ip: input.ip }, [{ action: 'sms_registration.refused', details: { reason, mobile: maskMobile(mobile) } }], now);
    });
    return { kind: 'refused', message: active ? M.alreadyActive : reason === 'no_child' ? M.noChild : M.unknown };
  }

  const sent = await sendFlowCode(
    accounts,
    deps.boss,
    flow,
    { state: 'code', data: { binding: flow.data.binding, lastName, firstName, mobile, guardianIds: open.map((r) => r.guardianId) } },
    { mobile, text: (code) => registrationSmsText(accounts.realm.displayName, code), template: 'sms-registration-code' },
    { action: 'sms_registration.code_sent', ip: input.ip, details: { references: open.length } },
  );
  if (sent.kind === 'sent') return { kind: 'code_sent' };
  return { kind: 'refused', message: M.smsQuota };
}
