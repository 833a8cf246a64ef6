// SPEC §5 FranceConnect, first connection (guide §1.3.5): the mobile number given to the school → the references
// found by FranceConnect's names and that number → a code by SMS. Throttled and audited like SMS registration's
// identity step (the same keys: a probe here is a probe there).
import { recordAudit } from '../../audit/record.ts';
import { recordFailure, throttleWait } from '../../auth/throttle.ts';
import { isMobileNumber, maskMobile, normalizeMobile } from '../../messaging/sms/phone-number.ts';
import type { Flow } from '../flow-store.ts';
import { mobileThrottleKey, sendFlowCode } from '../sms-registration/code-step.ts';
import { registrationIpKey } from '../sms-registration/identity-step.ts';
import { childrenOfReferences, findReferences } from '../sms-registration/references.ts';
import type { FranceConnectData, FranceConnectDeps } from './franceconnect-flow.ts';
import { FRANCECONNECT_MESSAGES as M, franceConnectSmsText } from './messages.ts';

export type MobileOutcome =
  | { kind: 'invalid'; error: string }
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'refused'; message: string }
  | { kind: 'code_sent' };

/** SPEC §5 "authenticate at FranceConnect, then mobile + SMS code": names from FranceConnect, number typed. */
export async function submitMobile(deps: FranceConnectDeps, flow: Flow<FranceConnectData>, input: { mobile: string; ip: string }): Promise<MobileOutcome> {
  const { accounts } = deps;
  const now = accounts.clock();
  const mobile = normalizeMobile(input.mobile);
  if (!input.mobile.trim()) return { kind: 'invalid', error: M.mobileMissing };
  if (!mobile || !isMobileNumber(mobile)) return { kind: 'invalid', error: M.mobileInvalid };

  const keys = [registrationIpKey(input.ip), mobileThrottleKey(mobile)];
  const wait = await throttleWait(accounts.db, keys, now);
  if (wait > 0) return { kind: 'throttled', retryAfterSeconds: Math.ceil(wait) };

  // Any guardian account may be linked, an Activé one too (it keeps its origin, SPEC §3.1 rev.).
  const references = (await findReferences(accounts.db, { lastName: flow.data.lastName!, firstName: flow.data.firstName!, mobile })).filter((r) => r.accountId !== null);
  const children = await childrenOfReferences(accounts.db, accounts.realm, references.map((r) => r.guardianId));
  if (references.length === 0 || children.length === 0) {
    const reason = references.length > 0 ? 'no_child' : 'unknown';
    await accounts.db.transaction(async (tx) => {
      await recordFailure(tx, keys, now);
      await recordAudit(tx, { kind: 'system', ip: input.ip }, [{ action: 'franceconnect.refused', details: { reason, mobile: maskMobile(mobile) } }], now);
    });
    return { kind: 'refused', message: reason === 'no_child' ? M.noChild : M.unknown };
  }

  const sent = await sendFlowCode(
    accounts,
    deps.boss,
    flow,
    { state: 'code', data: { ...flow.data, mobile, guardianIds: references.map((r) => r.guardianId) } },
    { mobile, text: (code) => franceConnectSmsText(accounts.realm.displayName, code), template: 'franceconnect-code' },
    { action: 'franceconnect.code_sent', ip: input.ip, details: { references: references.length } },
  );
  return sent.kind === 'sent' ? { kind: 'code_sent' } : { kind: 'refused', message: M.smsQuota };
}
