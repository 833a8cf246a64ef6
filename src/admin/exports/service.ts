// SPEC §4 Lister les comptes (guide §5.4): the selected guardians' accounts as a PDF or CSV file.
import { recordAudit } from '../../audit/record.ts';
import { readProvisionalPassword } from '../../accounts/provisional.ts';
import type { AdministeredEstablishment, StaffSession } from '../auth/session.ts';
import type { AdminDeps } from '../deps.ts';
import { listCsv, type ListLine } from './list-csv.ts';
import { listPdf } from './list-pdf.ts';
import { passwordCell } from './password-cell.ts';
import { compactParisTimestamp, parisTime } from '../../shared/paris-time.ts';
import { loadListRows, type ListRow, type ListSelection } from './queries.ts';

export type ListFormat = 'pdf' | 'csv';

export interface ListRequest {
  session: StaffSession;
  establishment: AdministeredEstablishment;
  /** The ticked rows (account and student), or whole accounts. */
  selection: readonly ListSelection[];
  format: ListFormat;
  ip?: string;
}

export type ListOutcome =
  | { ok: true; fileName: string; contentType: string; body: Buffer; rows: number }
  | { ok: false; reason: 'empty_selection' };

const CONTENT_TYPES: Record<ListFormat, string> = { pdf: 'application/pdf', csv: 'text/csv; charset=utf-8' };

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Sorted by student, as the Responsables page lists them; the same collation on PGlite and PostgreSQL. */
function byStudent(a: ListRow, b: ListRow): number {
  return (
    collator.compare(a.studentLastName, b.studentLastName) ||
    collator.compare(a.studentFirstName, b.studentFirstName) ||
    a.studentId - b.studentId ||
    collator.compare(a.guardianLastName, b.guardianLastName) ||
    collator.compare(a.guardianFirstName, b.guardianFirstName) ||
    a.identifier.localeCompare(b.identifier)
  );
}

/** `<prefix>-ListeResponsables-<AAAAMMJJHHMMSS>.<pdf|csv>`, Paris time. */
export function listFileName(prefix: string, at: Date, format: ListFormat): string {
  return `${prefix}-ListeResponsables-${compactParisTimestamp(at)}.${format}`;
}

/** SPEC §4 Lister les comptes: only accounts with a child in the admin's establishment; forged ids yield nothing. */
export async function listAccounts(deps: AdminDeps, request: ListRequest): Promise<ListOutcome> {
  const now = deps.clock();
  const rows = (await loadListRows(deps.db, request.establishment.id, request.selection)).sort(byStudent);
  if (rows.length === 0) return { ok: false, reason: 'empty_selection' };
  const clear = new Map<string, string | null>();
  for (const row of rows) {
    if (!clear.has(row.accountId)) {
      clear.set(row.accountId, row.state === 'non_notifie' ? null : readProvisionalPassword(deps, { id: row.accountId, provisionalPassword: row.provisionalPassword }));
    }
  }
  const lines: ListLine[] = rows.map((row) => ({
    studentLastName: row.studentLastName,
    studentFirstName: row.studentFirstName,
    level: row.levelLabel ?? '',
    className: row.classLabel ?? '',
    guardianLastName: row.guardianLastName,
    guardianFirstName: row.guardianFirstName,
    identifier: row.identifier,
    password: passwordCell(row.state, clear.get(row.accountId) ?? null),
  }));
  const { establishment } = request;
  let body: Buffer;
  if (request.format === 'csv') {
    body = listCsv(establishment, lines);
  } else {
    const t = parisTime(now);
    body = await listPdf(
      { uai: establishment.uai, name: establishment.name, createdOn: `${t.day}/${t.month}/${t.year}`, realmName: deps.realm.displayName, createdAt: now },
      lines,
    );
  }
  const accounts = clear.size;
  await recordAudit(
    deps.db,
    { kind: 'staff', id: request.session.staffId, ip: request.ip },
    [{ action: 'accounts.listed', establishmentId: establishment.id, details: { format: request.format, count: accounts, rows: rows.length } }],
    now,
  );
  return { ok: true, fileName: listFileName(deps.realm.exportFilePrefix, now, request.format), contentType: CONTENT_TYPES[request.format], body, rows: rows.length };
}
