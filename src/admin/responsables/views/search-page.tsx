// SPEC §4 Responsables (guide §5.1): criteria, then — once the admin asked — the actions and the results.
import type { Realm } from '../../../realms/realm.ts';
import type { StaffSession } from '../../auth/session.ts';
import { AdminLayout, Flash } from '../../views/admin-layout.tsx';
import type { SearchCriteria } from '../search-criteria.ts';
import type { ClassOption, ResultPage } from '../search-query.ts';
import { CriteriaForm } from './criteria-form.tsx';
import { NO_RESULT } from './labels.ts';
import { ResultsZone } from './results-zone.tsx';

export interface Notice {
  kind: 'success' | 'warning' | 'error';
  text: string;
}

export interface SearchPageProps {
  realm: Realm;
  session: StaffSession;
  classes: ClassOption[];
  criteria: SearchCriteria;
  /** Null until the admin runs a search (SPEC §4 search memory). */
  result: ResultPage | null;
  selectAll: boolean;
  notices: Notice[];
}

export function SearchPage({ realm, session, classes, criteria, result, selectAll, notices }: SearchPageProps) {
  return (
    <AdminLayout realm={realm} title="Responsables" session={session} tab="responsables">
      <h1>Responsables</h1>
      {notices.map((n) => (
        <Flash kind={n.kind}>{n.text}</Flash>
      ))}
      <CriteriaForm criteria={criteria} classes={classes} />
      {result && result.total === 0 && <Flash kind="warning">{NO_RESULT}</Flash>}
      {result && result.total > 0 && <ResultsZone session={session} criteria={criteria} result={result} selectAll={selectAll} />}
    </AdminLayout>
  );
}
