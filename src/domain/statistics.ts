// SPEC §4 Statistiques (guide §6.1): counts of guardian accounts per state for an establishment, per class
// and per level, from plain (student, guardian account) links. Pure: no I/O, no clock.
import { ACCOUNT_STATES, type AccountState } from './account-state.ts';

/** One (student, guardian account) link of an establishment, as the nightly computation reads it. */
export interface StatisticsLink {
  establishmentId: number;
  studentId: number;
  classId: number | null;
  classLabel: string | null;
  levelId: number | null;
  levelCode: string | null;
  levelLabel: string | null;
  levelRank: number | null;
  accountId: string;
  state: AccountState;
}

/** How many distinct guardian accounts, in all and per state. */
export interface StateCounts {
  accounts: number;
  byState: Record<AccountState, number>;
}

export interface ClassStatistics extends StateCounts {
  label: string | null;
}

export interface LevelStatistics extends StateCounts {
  code: string | null;
  label: string | null;
}

/** What a snapshot holds (statistics_snapshots.data): numbers only; the page formats them. */
export interface EstablishmentStatistics {
  version: 1;
  summary: StateCounts & {
    /** Students with at least one guardian account, and those of them with at least one activated. */
    students: number;
    studentsWithActivatedGuardian: number;
  };
  classes: ClassStatistics[];
  classTotal: StateCounts;
  levels: LevelStatistics[];
  levelTotal: StateCounts;
}

const ACTIVATED: AccountState = 'active';

function emptyByState(): Record<AccountState, number> {
  return Object.fromEntries(ACCOUNT_STATES.map((s) => [s, 0])) as Record<AccountState, number>;
}

/** Distinct accounts of a group of links, counted once each whatever the number of children. */
function countAccounts(states: ReadonlyMap<string, AccountState>): StateCounts {
  const byState = emptyByState();
  for (const state of states.values()) byState[state] += 1;
  return { accounts: states.size, byState };
}

/** The `Total` row of a detail table: the sum of its rows (a guardian counts once per class or level). */
function sumCounts(rows: readonly StateCounts[]): StateCounts {
  const byState = emptyByState();
  let accounts = 0;
  for (const row of rows) {
    accounts += row.accounts;
    for (const state of ACCOUNT_STATES) byState[state] += row.byState[state];
  }
  return { accounts, byState };
}

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/** SPEC §4 Statistiques: the figures of one establishment from its links (links of others are ignored by the caller). */
export function establishmentStatistics(links: readonly StatisticsLink[]): EstablishmentStatistics {
  const all = new Map<string, AccountState>();
  const studentActivated = new Map<number, boolean>();
  const byClass = new Map<string, { label: string | null; states: Map<string, AccountState> }>();
  const byLevel = new Map<string, { code: string | null; label: string | null; rank: number; states: Map<string, AccountState> }>();
  for (const link of links) {
    all.set(link.accountId, link.state);
    studentActivated.set(link.studentId, (studentActivated.get(link.studentId) ?? false) || link.state === ACTIVATED);
    const classKey = String(link.classId);
    let cls = byClass.get(classKey);
    if (!cls) byClass.set(classKey, (cls = { label: link.classLabel, states: new Map() }));
    cls.states.set(link.accountId, link.state);
    const levelKey = String(link.levelId);
    let level = byLevel.get(levelKey);
    if (!level) {
      level = { code: link.levelCode, label: link.levelLabel, rank: link.levelRank ?? Number.MAX_SAFE_INTEGER, states: new Map() };
      byLevel.set(levelKey, level);
    }
    level.states.set(link.accountId, link.state);
  }
  // Rows without a class or level (should not happen for eligible students) go last.
  const classes = [...byClass.values()]
    .sort((a, b) => (a.label === null ? 1 : b.label === null ? -1 : collator.compare(a.label, b.label)))
    .map((c) => ({ label: c.label, ...countAccounts(c.states) }));
  const levels = [...byLevel.values()]
    .sort((a, b) => a.rank - b.rank || collator.compare(a.code ?? '\uffff', b.code ?? '\uffff'))
    .map((l) => ({ code: l.code, label: l.label, ...countAccounts(l.states) }));
  let studentsWithActivatedGuardian = 0;
  for (const activated of studentActivated.values()) if (activated) studentsWithActivatedGuardian += 1;
  return {
    version: 1,
    summary: { ...countAccounts(all), students: studentActivated.size, studentsWithActivatedGuardian },
    classes,
    classTotal: sumCounts(classes),
    levels,
    levelTotal: sumCounts(levels),
  };
}

/** SPEC §4 Statistiques: the figures of each establishment asked for; one without any link gets zeros. */
export function statisticsByEstablishment(
  establishmentIds: readonly number[],
  links: readonly StatisticsLink[],
): Map<number, EstablishmentStatistics> {
  const grouped = new Map<number, StatisticsLink[]>(establishmentIds.map((id) => [id, []]));
  for (const link of links) grouped.get(link.establishmentId)?.push(link);
  return new Map([...grouped].map(([id, group]) => [id, establishmentStatistics(group)]));
}

/**
 * Guide §6.1 number format: a percentage with at most two decimals, a dot, no trailing zeros, then " %":
 * 2/238 → "0.84 %", 1/27 → "3.7 %", 1/25 → "4 %", 0 → "0 %". Half-way values round up.
 */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0 || part <= 0) return '0 %';
  const hundredths = Math.round((part * 10_000) / whole); // exact integer arithmetic up to huge counts
  const units = Math.trunc(hundredths / 100);
  const decimals = String(hundredths % 100).padStart(2, '0').replace(/0+$/, '');
  return decimals === '' ? `${units} %` : `${units}.${decimals} %`;
}

/** "% de comptes resp. avec un compte activé" of a row. */
export function activatedAccountsShare(counts: StateCounts): string {
  return formatPercent(counts.byState.active, counts.accounts);
}

/** "% d'élèves ayant au moins un resp. avec un compte activé" of the establishment. */
export function studentsWithActivatedGuardianShare(summary: EstablishmentStatistics['summary']): string {
  return formatPercent(summary.studentsWithActivatedGuardian, summary.students);
}
