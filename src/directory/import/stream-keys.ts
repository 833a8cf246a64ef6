// An academy sends several exports (e.g. its 1D and its 2D ones, told apart by the file-name prefix), each a full
// picture of its own people only. Keys are scoped to their stream (`aaf:<prefix>:<jointure>`) so that a full 2D
// export never marks the 1D people gone. Continuity across streams (a pupil going from CM2 to 6e) comes from the
// INE and from guardians' names (src/directory/import/apply-students.ts, precreate-eligible.ts).
import type { DirectoryChange, Rejection } from '../changes.ts';

const AAF = 'aaf:';

export function streamKeyPrefix(stream: string): string {
  return `${AAF}${stream}:`;
}

function scoped(key: string, stream: string): string {
  return key.startsWith(AAF) ? `${streamKeyPrefix(stream)}${key.slice(AAF.length)}` : key;
}

/** The same change with every AAF key (its own, its structure's, its guardians') scoped to the stream. Pure. */
export function scopeChange(change: DirectoryChange, stream: string): DirectoryChange {
  const key = scoped(change.key, stream);
  if (change.operation === 'delete') return { ...change, key };
  const fields = { ...change.fields } as Record<string, unknown>;
  if (typeof fields.structureKey === 'string') fields.structureKey = scoped(fields.structureKey, stream);
  if (Array.isArray(fields.guardians)) {
    fields.guardians = (fields.guardians as Array<{ guardianKey: string }>).map((g) => ({ ...g, guardianKey: scoped(g.guardianKey, stream) }));
  }
  if (Array.isArray(fields.functions)) {
    fields.functions = (fields.functions as Array<{ structureKey: string }>).map((f) => ({ ...f, structureKey: scoped(f.structureKey, stream) }));
  }
  return { ...change, key, fields } as DirectoryChange;
}

export function scopeRejection(rejection: Rejection, stream: string): Rejection {
  return rejection.key === undefined ? rejection : { ...rejection, key: scoped(rejection.key, stream) };
}

/** A key as people read it in a report: the jointure without its namespace. */
export function displayKey(key: string): string {
  return key.replace(/^aaf:[^:]*:/, '').replace(/^aaf:/, '');
}
