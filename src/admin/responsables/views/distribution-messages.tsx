// SPEC §4 (Re)notify results (guide §5.3.1, §5.3.2): success with the PDF link, the reset warning, and the
// accounts that could not be reached by e-mail — bulk and single wordings.
import type { DistributionView } from '../../notify/distribution-view.ts';
import { Flash } from '../../views/admin-layout.tsx';
import { listName } from '../format.ts';
import { noEmailMany, noEmailManyHint, refusedMessage, RESET_NOT_APPLIED, RESULT } from './labels.ts';

export function DistributionMessages({ view, single, realmName }: { view: DistributionView; single: boolean; realmName: string }) {
  const { details } = view;
  const pdf = details.channel === 'sheet' && details.notified > 0 && (
    <a href={`/admin/responsables/courriers/${view.batchId}.pdf`} download>
      {RESULT.download}
    </a>
  );
  return (
    <>
      {details.notified > 0 && (
        <Flash kind="success">
          <p>{single ? RESULT.distributedOne : RESULT.distributedMany}</p>
          {pdf && <p>{pdf}</p>}
        </Flash>
      )}
      {details.resetNotApplied.length > 0 && <Flash kind="warning">{RESET_NOT_APPLIED}</Flash>}
      {details.withoutEmail.length > 0 &&
        (single ? (
          <Flash kind="error">
            <p>{RESULT.noEmailOne}</p>
            <p>{RESULT.noEmailOneHint}</p>
          </Flash>
        ) : (
          <Flash kind="error">
            <p>{noEmailMany(details.withoutEmail.length)}</p>
            <p>{view.withoutEmail.map(listName).join(' , ')}</p>
            <p>{noEmailManyHint(realmName)}</p>
          </Flash>
        ))}
      {details.refused > 0 && <Flash kind="warning">{refusedMessage(details.refused)}</Flash>}
    </>
  );
}
