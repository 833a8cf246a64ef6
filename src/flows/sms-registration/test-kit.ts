// For the SMS registration and recovery tests: finding demo people by query, reading the codes from the
// outbox (the dev mailbox's rows), walking a flow from its first page.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { outbox } from '../../db/schema.ts';
import type { FamilyResponse } from '../../../test/helpers/family.ts';
import type { TestInstance } from '../../../test/helpers/test-instance.ts';
import { registerRecoveryRoutes } from '../recovery/routes.tsx';
import { registerRegistrationRoutes } from './routes.tsx';

/** The registration and recovery routes on a test instance, unless the composition root already wired them. */
export async function withSelfServiceRoutes(g: TestInstance): Promise<void> {
  const deps = { accounts: g.deps, boss: g.boss, issuer: g.settings.issuer };
  if (!g.app.hasRoute({ method: 'GET', url: '/inscription' })) await registerRegistrationRoutes(g.app, deps);
  const recovery = ['/recuperation/identifiant', '/recuperation/mot-de-passe'].some((url) => g.app.hasRoute({ method: 'GET', url }));
  if (!recovery) await registerRecoveryRoutes(g.app, deps);
}

export interface DemoGuardian {
  guardianId: number;
  lastName: string;
  firstName: string;
  mobile: string;
  accountId: string;
  identifier: string;
  state: string;
}

/** Guardians with one reference, a mobile, an account in `states` and at least one child that qualifies. */
export async function singleReferenceGuardians(db: Executor, states: string[], limit = 10): Promise<DemoGuardian[]> {
  return queryRows<DemoGuardian>(db, sql`
    select g.id as "guardianId", g.last_name as "lastName", g.first_name as "firstName", g.mobile, a.id as "accountId", a.identifier, a.state
    from guardians g join accounts a on a.id = g.account_id
    where g.mobile is not null and a.state in (${sql.join(states.map((s) => sql`${s}`), sql`, `)})
      and not exists (select 1 from guardians o where o.id <> g.id and o.mobile = g.mobile)
      and exists (select 1 from guardian_students gs join students s on s.id = gs.student_id
                  where gs.guardian_id = g.id and gs.legal_responsibility and s.class_id is not null and s.ine is not null and s.definitively_admitted)
    order by g.id limit ${limit}`);
}

/** The code of the latest SMS to this number (E.164). */
export async function lastSmsCode(db: Executor, e164: string): Promise<string> {
  const [row] = await db
    .select({ text: outbox.text })
    .from(outbox)
    .where(and(eq(outbox.channel, 'sms'), eq(outbox.recipient, e164)))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  const code = /\b(\d{6})\b/.exec(row?.text ?? '')?.[1];
  if (!code) throw new Error(`no SMS code sent to ${e164}`);
  return code;
}

export function flowPathOf(response: FamilyResponse): string {
  if (response.status !== 303 || !response.location) throw new Error(`expected a redirect, got ${response.status}`);
  return response.location.split('?')[0]!;
}
