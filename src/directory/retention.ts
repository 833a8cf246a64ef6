// SPEC §3 retention (seed 004's legal text): personal data of people who no longer qualify is removed once the
// period has passed — accounts that stopped qualifying (SPEC §3 rev.: a guardian only when none of their children
// qualifies anywhere; a student when they left every establishment), and the directory records marked gone.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { recordAudit, SYSTEM } from '../audit/record.ts';
import type { Clock } from '../shared/clock.ts';

export interface RetentionDeps {
  db: Database;
  clock: Clock;
  retentionMonths: number;
}

export interface PurgeOutcome {
  cutoff: string;
  accounts: { guardian: number; student: number };
  students: number;
  guardians: number;
  staff: number;
}

/** The instant before which people are purged: `months` calendar months before `now`. */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/** SPEC §3 retention, nightly: one transaction; every deleted account audited, and the purge as a whole. */
export async function purgeExpiredPeople(deps: RetentionDeps): Promise<PurgeOutcome> {
  const now = deps.clock();
  const cutoff = retentionCutoff(now, deps.retentionMonths);
  return deps.db.transaction(async (tx) => {
    const accounts = await queryRows<{ id: string; kind: 'guardian' | 'student'; state: string }>(
      tx,
      sql`delete from accounts where unqualified_since < ${cutoff} returning id, kind, state`,
    );
    const students = await queryRows<{ id: number }>(tx, sql`delete from students where gone_at < ${cutoff} returning id`);
    // A reference gone for the period goes; its account stays while another reference of the person qualifies.
    const guardians = await queryRows<{ id: number }>(tx, sql`delete from guardians where gone_at < ${cutoff} returning id`);
    const staff = await queryRows<{ id: number }>(tx, sql`delete from staff where gone_at < ${cutoff} returning id`);
    const outcome: PurgeOutcome = {
      cutoff: cutoff.toISOString(),
      accounts: { guardian: accounts.filter((a) => a.kind === 'guardian').length, student: accounts.filter((a) => a.kind === 'student').length },
      students: students.length,
      guardians: guardians.length,
      staff: staff.length,
    };
    await recordAudit(
      tx,
      SYSTEM,
      [
        ...accounts.map((a) => ({ action: 'account.purged', accountId: a.id, details: { kind: a.kind, state: a.state, reason: 'retention' } })),
        { action: 'directory.purged', details: { ...outcome, retentionMonths: deps.retentionMonths } },
      ],
      now,
    );
    return outcome;
  });
}
