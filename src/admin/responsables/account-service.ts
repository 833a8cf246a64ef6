// SPEC §4 account page (guide §5.2): the account seen from the current establishment, with the result of the
// distribution that led here; the consultation is audited (the page may show a provisional password).
import { recordAudit } from '../../audit/record.ts';
import type { AdminDeps } from '../deps.ts';
import { distributionView, type DistributionView } from '../notify/distribution-view.ts';
import { loadAccountPage, type AccountPageData } from './account-query.ts';

export async function accountPageView(
  deps: AdminDeps,
  request: { staffId: number; establishmentId: number; accountId: string; distributionId?: string; ip?: string },
): Promise<{ account: AccountPageData; distribution: DistributionView | null } | null> {
  const account = await loadAccountPage(deps, request.establishmentId, request.accountId);
  if (!account) return null;
  const distribution = request.distributionId
    ? await distributionView(deps, { batchId: request.distributionId, staffId: request.staffId, establishmentId: request.establishmentId })
    : null;
  await recordAudit(
    deps.db,
    { kind: 'staff', id: request.staffId, ip: request.ip },
    [{ action: 'console.account_viewed', accountId: account.id, establishmentId: request.establishmentId }],
    deps.clock(),
  );
  return { account, distribution };
}
