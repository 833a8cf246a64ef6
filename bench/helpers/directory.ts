// A big directory built set-based for the benchmarks: every row written by one INSERT … SELECT over
// generate_series, so 200,000 accounts take seconds, not one round trip per person (DESIGN.md Performance notes).
import { sql } from 'drizzle-orm';
import type { Executor } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/rows.ts';

export interface DirectoryShape {
  /** How many establishments, the featured one included. */
  establishments: number;
  /** Scales every establishment's number of students (the featured one keeps its size). */
  studentScale: number;
  /**
   * Establishment 1 becomes a collège with this many guardian accounts (as near as the one-guardian families
   * allow: 2,000 is met exactly), and the UAI 0000001B, to notify or search a big establishment.
   */
  featuredGuardians?: number;
  /**
   * Makes the accounts look like a school year under way: three in four with an e-mail address, a distribution
   * date for every account notified, a last login for the active ones.
   */
  history?: boolean;
}

/** What the featured establishment (if any) is, once built. */
export interface BuiltDirectory {
  students: number;
  guardians: number;
  accounts: number;
  links: number;
  featured: { id: number; uai: string; guardians: number; students: number; classes: number } | null;
}

export const FEATURED_UAI = '0000001B';

/** The families an establishment needs for `guardians` accounts: family f has two guardians unless f is a multiple of 5. */
export function familiesFor(guardians: number): number {
  let families = 0;
  while (2 * families - Math.floor(families / 5) < guardians) families++;
  return families;
}

/**
 * Écoles (7 in 10) of 60–260 students, collèges of 250–650; about 1.5 children per family, 80 % of families
 * with two guardians, 3 % with a child in the next establishment too; account states spread as in a school year
 * under way. Every row is written by one INSERT … SELECT over generate_series.
 */
export async function buildDirectory(db: Executor, shape: DirectoryShape): Promise<void> {
  const { establishments, studentScale } = shape;
  const run = (text: string) => db.execute(sql.raw(text));
  // Family f of the featured establishment (the first, so its families are numbered from 1) is family f overall.
  const featuredStudents = shape.featuredGuardians ? Math.round(1.5 * familiesFor(shape.featuredGuardians)) : null;
  const ecole = featuredStudents === null ? '(i % 10) < 7' : '(i % 10) < 7 and i <> 1';
  const students = `greatest(5, round(${studentScale} * case when (i % 10) < 7 then 60 + (i * 37) % 201 else 250 + (i * 53) % 401 end))::int`;
  await run(`insert into academies (code, name) values ('BENCH', 'Académie du banc d''essai')`);
  await run(`insert into levels (code, label, degree, rank)
    select code, code, case when r < 8 then '1D' else '2D' end, r
    from unnest(array['PS','MS','GS','CP','CE1','CE2','CM1','CM2','6E','5E','4E','3E']) with ordinality as t(code, r)
    on conflict (code) do nothing`);
  await run(`create temp table bench_sizes as
    select i, ${ecole} as ecole,
      ${featuredStudents === null ? students : `case when i = 1 then ${featuredStudents} else ${students} end`} as students
    from generate_series(1, ${establishments}) as i`);
  await run(`alter table bench_sizes add column classes int, add column families int, add column student_base int, add column family_base int`);
  await run(`update bench_sizes s set classes = greatest(1, ceil(s.students / 25.0))::int, families = greatest(1, round(s.students / 1.5))::int`);
  await run(`update bench_sizes s set student_base = t.sb, family_base = t.fb from (
      select i, coalesce(sum(students) over (order by i rows between unbounded preceding and 1 preceding), 0)::int as sb,
                coalesce(sum(families) over (order by i rows between unbounded preceding and 1 preceding), 0)::int as fb
      from bench_sizes) t where t.i = s.i`);
  await run(`insert into establishments (id, academy_id, uai, name, kind, degree, sector)
    select s.i, a.id, lpad(s.i::text, 7, '0') || 'B', case when s.ecole then 'ECOLE ' else 'COLLEGE ' end || s.i,
      case when s.ecole then 'ecole' else 'college' end, case when s.ecole then '1D' else '2D' end, 'public'
    from bench_sizes s, academies a where a.code = 'BENCH'`);
  await run(`insert into classes (establishment_id, label)
    select s.i, 'Classe ' || k from bench_sizes s, generate_series(1, s.classes) as k`);
  await run(`insert into students (id, ine, last_name, first_name, birth_date, establishment_id, class_id, level_id)
    select s.student_base + j, 'B' || lpad((s.student_base + j)::text, 10, '0'), 'ELEVE' || (s.student_base + j), 'Prenom', '2015-01-01', s.i,
      c.id, l.id
    from bench_sizes s
    cross join generate_series(1, s.students) as j
    join classes c on c.establishment_id = s.i and c.label = 'Classe ' || (1 + (j - 1) % s.classes)
    join levels l on l.code = (case when s.ecole then (array['PS','MS','GS','CP','CE1','CE2','CM1','CM2'])[1 + ((j - 1) % s.classes) % 8]
                                    else (array['6E','5E','4E','3E'])[1 + ((j - 1) % s.classes) % 4] end)`);
  // Guardian g of family f: ids 2f - 1 and 2f; a family whose number ends in 0 or 5 has one guardian.
  await run(`create temp table bench_guardians as
    select 2 * (s.family_base + f) - k + 1 as id, s.family_base + f as family, s.i as establishment, f as local_family
    from bench_sizes s, generate_series(1, s.families) as f, generate_series(1, 2) as k
    where k = 1 or (s.family_base + f) % 5 <> 0`);
  await run(`insert into accounts (id, kind, identifier, state, origin)
    select md5('bench-' || g.id)::uuid, 'guardian', 'bench.' || g.id,
      (array['non_notifie','non_notifie','non_notifie','non_notifie','notifie','notifie','en_cours','active','active','active'])[1 + g.id % 10],
      case when g.id % 10 < 4 then 'non_renseigne' else 'etablissement' end
    from bench_guardians g`);
  await run(`insert into guardians (id, last_name, first_name, account_id)
    select g.id, 'RESP' || g.family, 'Prenom' || g.id, md5('bench-' || g.id)::uuid from bench_guardians g`);
  await run(`insert into guardian_students (guardian_id, student_id, legal_responsibility)
    select g.id, s.student_base + j, true
    from bench_guardians g
    join bench_sizes s on s.i = g.establishment
    cross join generate_series(g.local_family, s.students, s.families) as j`);
  // Siblings across schools: 3 % of families also have a child in the next establishment.
  await run(`insert into guardian_students (guardian_id, student_id, legal_responsibility)
    select g.id, n.student_base + 1 + (g.local_family % n.students), true
    from bench_guardians g join bench_sizes n on n.i = g.establishment + 1
    where g.family % 33 = 0
    on conflict do nothing`);
  if (shape.history) {
    await run(`update accounts a set
        email = case when h % 4 <> 0 then a.identifier || '@example.org' end,
        distributed_at = case when a.state <> 'non_notifie' then timestamptz '2026-09-01' + (h % 60) * interval '1 day' end,
        last_login_at = case when a.state = 'active' then timestamptz '2026-09-15' + (h % 1440) * interval '1 hour' end
      from (select id, abs(hashtext(id::text)::bigint) as h from accounts) t
      where t.id = a.id and a.identifier like 'bench.%'`);
  }
  for (const table of ['establishments', 'students', 'guardians']) {
    await run(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
  }
  await run('analyze');
}

/** The directory's counts, and the featured establishment's when there is one. */
export async function describeDirectory(db: Executor): Promise<BuiltDirectory> {
  const [counts] = await queryRows<{ students: number; guardians: number; accounts: number; links: number }>(
    db,
    sql`select (select count(*)::int from students) as students, (select count(*)::int from guardians) as guardians,
               (select count(*)::int from accounts) as accounts, (select count(*)::int from guardian_students) as links`,
  );
  const [featured] = await queryRows<{ id: number; uai: string; guardians: number; students: number; classes: number }>(
    db,
    sql`select e.id, e.uai,
        (select count(distinct g.account_id)::int from guardians g join guardian_students gs on gs.guardian_id = g.id
           join students s on s.id = gs.student_id where s.establishment_id = e.id) as guardians,
        (select count(*)::int from students s where s.establishment_id = e.id) as students,
        (select count(*)::int from classes c where c.establishment_id = e.id) as classes
      from establishments e where e.uai = ${FEATURED_UAI} and e.kind = 'college'`,
  );
  return { ...counts!, featured: featured ?? null };
}
