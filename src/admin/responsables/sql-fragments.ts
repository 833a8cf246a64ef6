// The SQL every Responsables query shares: which (student, guardian) pairs an establishment sees, and how
// names are compared. Constants only: nothing here is ever built from input.
import { sql, type SQL } from 'drizzle-orm';

/**
 * SPEC §3 rev. (siblings across schools): an account is visible from an establishment when one of its
 * guardians has legal responsibility for a student enrolled there. Students and guardians gone from the
 * directory no longer count; accounts merged away have no guardian left, so they are gone by construction.
 */
export function linkedToEstablishment(accountId: SQL, establishmentId: number): SQL {
  return sql`exists (
    select 1 from guardians lg
    join guardian_students lgs on lgs.guardian_id = lg.id and lgs.legal_responsibility
    join students ls on ls.id = lgs.student_id and ls.gone_at is null
    where lg.account_id = ${accountId} and lg.gone_at is null and ls.establishment_id = ${establishmentId})`;
}

const ACCENTED = 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ';
const PLAIN = 'aaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuyy';
// Characters past the end of PLAIN are deleted by translate(): apostrophes and hyphens.
const DELETED = "''’-";

/**
 * Lower case, no accents, no apostrophes or hyphens: "N'Guessan" and "nguessan", "Lebœuf" and "leboeuf" match.
 * Written out with translate() because PGlite has no unaccent, and lower() of a C locale spares accented capitals.
 * Also the expression of the stored columns last_name_key and first_name_key of students and guardians (schema.ts):
 * changing it changes the schema, and needs a migration that recomputes them.
 */
export function foldSql(expression: SQL): SQL {
  return sql`lower(replace(replace(replace(replace(translate(${expression}, ${sql.raw(`'${ACCENTED}${DELETED}'`)}, ${sql.raw(`'${PLAIN}'`)}), 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'))`;
}

/** The same folding in JavaScript, for what the admin typed. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replaceAll('œ', 'oe')
    .replaceAll('æ', 'ae')
    .replace(/['’-]/g, '');
}

/** A list of ids as one parameter: `x in (select … from jsonb_array_elements_text(…))`. */
export function uuidList(ids: readonly string[]): SQL {
  return sql`(select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
}
