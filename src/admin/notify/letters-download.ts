// SPEC §4 (Re)notify by sheets: "Télécharger le courrier au format PDF". The PDF is rendered on demand from the
// batch, for the admin who made it while that establishment is the current one; the passwords are read
// sealed from the accounts at download time, never kept in the batch.
import { readProvisionalPassword } from '../../accounts/provisional.ts';
import { recordAudit } from '../../audit/record.ts';
import type { LetterCode } from '../../domain/letters.ts';
import type { LetterContext } from '../../messaging/letters/letter-content.ts';
import { renderLettersPdf } from '../../messaging/pdf/letters-pdf.ts';
import type { AdministeredEstablishment } from '../auth/session.ts';
import type { AdminDeps } from '../deps.ts';
import { compactParisTimestamp } from '../../shared/paris-time.ts';
import { loadDistribution } from './distribute-credentials.ts';
import { letterContext, loadLetterRecipients } from './letter-contexts.ts';

const WITH_PASSWORD: ReadonlySet<string> = new Set(['C01', 'C05']);

export interface LettersFile {
  fileName: string;
  body: Buffer;
  pages: number;
}

/** The PDF of a sheet batch, or null when it is not this admin's, not this establishment's, or not sheets. */
export async function lettersPdf(
  deps: AdminDeps,
  request: { batchId: string; staffId: number; establishment: AdministeredEstablishment; ip?: string },
): Promise<LettersFile | null> {
  const batch = await loadDistribution(deps, { batchId: request.batchId, staffId: request.staffId, establishmentId: request.establishment.id });
  if (!batch || batch.details.channel !== 'sheet') return null;
  const recipients = await loadLetterRecipients(deps.db, request.establishment.id, batch.entries.map((e) => e.accountId));
  const settings = { realm: deps.realm, issuer: deps.issuer, establishment: request.establishment };
  const letters: LetterContext[] = [];
  for (const entry of batch.entries) {
    const recipient = recipients.get(entry.accountId);
    if (!recipient) continue; // merged away, or no child here any more since the batch was made
    const password = WITH_PASSWORD.has(entry.letter) ? readProvisionalPassword(deps, { id: entry.accountId, provisionalPassword: recipient.sealedPassword }) : null;
    // The person chose their own password since: the sheet says it is unchanged rather than print none.
    const code = (WITH_PASSWORD.has(entry.letter) && password === null ? 'C03' : entry.letter) as LetterCode;
    letters.push(letterContext(settings, recipient, code, password));
  }
  const body = await renderLettersPdf(letters);
  await recordAudit(
    deps.db,
    { kind: 'staff', id: request.staffId, ip: request.ip },
    [{ action: 'console.letters_downloaded', establishmentId: request.establishment.id, details: { batchId: request.batchId, letters: letters.length } }],
    deps.clock(),
  );
  return { fileName: `${deps.realm.exportFilePrefix}-Courriers-${compactParisTimestamp(batch.createdAt)}.pdf`, body, pages: letters.length };
}
