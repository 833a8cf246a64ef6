// What the database holds of some students, as directory fields: a modify entry carries only what changed.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { StudentFields } from '../changes.ts';

export interface StoredStudent {
  id: number;
  establishmentId: number;
  fields: StudentFields;
}

export async function loadStudents(db: Executor, keys: readonly string[]): Promise<Map<string, StoredStudent>> {
  if (keys.length === 0) return new Map();
  const rows = await queryRows<{
    id: number;
    key: string;
    ine: string | null;
    last_name: string;
    first_name: string;
    birth_date: string;
    establishment_id: number;
    structure: string;
    class_label: string | null;
    level_code: string | null;
    level_label: string | null;
    level_degree: '1D' | '2D' | null;
    admitted: boolean;
    links: Array<{ guardianKey: string; relation: string | null; legal: boolean }> | null;
  }>(
    db,
    sql`select s.id, s.source_key as key, s.ine, s.last_name, s.first_name, s.birth_date::text as birth_date, s.establishment_id,
        e.source_key as structure, c.label as class_label, l.code as level_code, l.label as level_label, l.degree as level_degree,
        s.definitively_admitted as admitted,
        (select json_agg(json_build_object('guardianKey', g.source_key, 'relation', gs.relation, 'legal', gs.legal_responsibility))
           from guardian_students gs join guardians g on g.id = gs.guardian_id where gs.student_id = s.id and g.source_key is not null) as links
      from students s
      join establishments e on e.id = s.establishment_id
      left join classes c on c.id = s.class_id
      left join levels l on l.id = s.level_id
      where s.source_key = any(${sql.param([...keys])}::text[])`,
  );
  return new Map(
    rows.map((r) => [
      r.key,
      {
        id: r.id,
        establishmentId: r.establishment_id,
        fields: {
          ine: r.ine,
          lastName: r.last_name,
          firstName: r.first_name,
          birthDate: r.birth_date,
          structureKey: r.structure,
          classLabel: r.class_label,
          level: r.level_code ? { code: r.level_code, label: r.level_label!, degree: r.level_degree! } : null,
          definitivelyAdmitted: r.admitted,
          guardians: r.links ?? [],
        },
      },
    ]),
  );
}
