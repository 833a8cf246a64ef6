// SPEC §4 Responsables (guide §5.1) and its search memory: the search runs when the admin asks; coming back
// from an account page re-runs the remembered criteria on the first page; any other way in starts afresh.
import { rememberSearch, type StaffSession } from '../auth/session.ts';
import type { AdminDeps } from '../deps.ts';
import { DEFAULT_CRITERIA, parseSearchQuery, rememberedCriteria, type SearchCriteria } from './search-criteria.ts';
import { establishmentClasses, searchResponsables, type ClassOption, type ResultPage } from './search-query.ts';

export interface SearchView {
  classes: ClassOption[];
  criteria: SearchCriteria;
  result: ResultPage | null;
  selectAll: boolean;
}

/** SPEC §4 Responsables: what GET /admin/responsables shows for this query string. */
export async function responsablesSearch(deps: AdminDeps, session: StaffSession, establishmentId: number, query: unknown): Promise<SearchView> {
  const classes = await establishmentClasses(deps.db, establishmentId);
  const classIds = classes.map((c) => c.id);
  const request = parseSearchQuery(query, classIds);
  const fresh: SearchView = { classes, criteria: DEFAULT_CRITERIA, result: null, selectAll: false };
  if (request.mode === 'fresh') return fresh;
  if (request.mode === 'return') {
    const remembered = rememberedCriteria(session.lastSearch, classIds);
    if (!remembered) return fresh;
    return { classes, criteria: remembered, result: await searchResponsables(deps.db, establishmentId, remembered, 1), selectAll: false };
  }
  await rememberSearch(deps, session, { ...request.criteria });
  const result = await searchResponsables(deps.db, establishmentId, request.criteria, request.page);
  return { classes, criteria: request.criteria, result, selectAll: request.selectAll };
}
