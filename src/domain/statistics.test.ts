import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AccountState } from './account-state.ts';
import {
  activatedAccountsShare,
  establishmentStatistics,
  formatPercent,
  statisticsByEstablishment,
  studentsWithActivatedGuardianShare,
  type StatisticsLink,
} from './statistics.ts';

const CLASSES = { 1: 'CP A', 2: 'CE1-CE2', 3: 'CM1' } as const;
const LEVELS = { 10: ['CP', 'Cours préparatoire', 3], 11: ['CE1', 'Cours élémentaire 1re année', 4], 12: ['CE2', 'Cours élémentaire 2e année', 5], 13: ['CM1', 'Cours moyen 1re année', 6] } as const;

function link(studentId: number, classId: keyof typeof CLASSES, levelId: keyof typeof LEVELS, accountId: string, state: AccountState, establishmentId = 1): StatisticsLink {
  const [levelCode, levelLabel, levelRank] = LEVELS[levelId];
  return { establishmentId, studentId, classId, classLabel: CLASSES[classId], levelId, levelCode, levelLabel, levelRank, accountId, state };
}

// A small school, worked out by hand:
//   student 1 (CP A, CP):        guardians A (active), B (non notifié)
//   student 2 (CE1-CE2, CE1):    guardian A (active) — A has children in two classes and two levels
//   student 3 (CE1-CE2, CE2):    guardians C (notifié), D (en cours)
//   student 4 (CM1, CM1):        guardian E (non notifié)
//   student 5 (CE1-CE2, CE2):    guardian C (notifié) — C has two children in the same class and level
const SCHOOL: StatisticsLink[] = [
  link(1, 1, 10, 'A', 'active'),
  link(1, 1, 10, 'B', 'non_notifie'),
  link(2, 2, 11, 'A', 'active'),
  link(3, 2, 12, 'C', 'notifie'),
  link(3, 2, 12, 'D', 'en_cours'),
  link(4, 3, 13, 'E', 'non_notifie'),
  link(5, 2, 12, 'C', 'notifie'),
];

test('the establishment counts each guardian account once, whatever its number of children', () => {
  const stats = establishmentStatistics(SCHOOL);
  assert.deepEqual(stats.summary, {
    accounts: 5,
    byState: { non_notifie: 2, notifie: 1, en_cours: 1, active: 1 },
    students: 5,
    studentsWithActivatedGuardian: 2,
  });
  assert.equal(activatedAccountsShare(stats.summary), '20 %');
  assert.equal(studentsWithActivatedGuardianShare(stats.summary), '40 %');
});

test('per class: a guardian counts once per class; the Total row is the sum and exceeds the establishment', () => {
  const stats = establishmentStatistics(SCHOOL);
  assert.deepEqual(
    stats.classes.map((c) => [c.label, c.accounts, c.byState.non_notifie, c.byState.notifie, c.byState.en_cours, c.byState.active]),
    [
      ['CE1-CE2', 3, 0, 1, 1, 1],
      ['CM1', 1, 1, 0, 0, 0],
      ['CP A', 2, 1, 0, 0, 1],
    ],
  );
  assert.deepEqual(stats.classTotal, { accounts: 6, byState: { non_notifie: 2, notifie: 1, en_cours: 1, active: 2 } });
  assert.ok(stats.classTotal.accounts > stats.summary.accounts);
  assert.deepEqual(stats.classes.map(activatedAccountsShare), ['33.33 %', '0 %', '50 %']);
  assert.equal(activatedAccountsShare(stats.classTotal), '33.33 %');
});

test('per level: ordered by the level rank, with its own Total row', () => {
  const stats = establishmentStatistics(SCHOOL);
  assert.deepEqual(
    stats.levels.map((l) => [l.code, l.accounts, l.byState.active]),
    [
      ['CP', 2, 1],
      ['CE1', 1, 1],
      ['CE2', 2, 0],
      ['CM1', 1, 0],
    ],
  );
  assert.deepEqual(stats.levelTotal, { accounts: 6, byState: { non_notifie: 2, notifie: 1, en_cours: 1, active: 2 } });
  assert.equal(stats.levels[0]!.label, 'Cours préparatoire');
});

test('links are split by establishment; an establishment without any link gets zeros', () => {
  const other = [link(9, 1, 10, 'A', 'active', 2), link(9, 1, 10, 'Z', 'notifie', 2)];
  const stats = statisticsByEstablishment([1, 2, 3], [...SCHOOL, ...other]);
  assert.equal(stats.get(1)!.summary.accounts, 5);
  assert.deepEqual(stats.get(2)!.summary, { accounts: 2, byState: { non_notifie: 0, notifie: 1, en_cours: 0, active: 1 }, students: 1, studentsWithActivatedGuardian: 1 });
  assert.deepEqual(stats.get(3)!.summary, { accounts: 0, byState: { non_notifie: 0, notifie: 0, en_cours: 0, active: 0 }, students: 0, studentsWithActivatedGuardian: 0 });
  assert.deepEqual(stats.get(3)!.classes, []);
  assert.equal(activatedAccountsShare(stats.get(3)!.summary), '0 %');
  assert.equal(stats.has(4), false);
});

test('percentages follow the guide: two decimals at most, a dot, no trailing zero', () => {
  // The examples of guide §6.1.
  assert.equal(formatPercent(2, 238), '0.84 %');
  assert.equal(formatPercent(1, 27), '3.7 %');
  assert.equal(formatPercent(1, 25), '4 %');
  assert.equal(formatPercent(2, 45), '4.44 %');
  assert.equal(formatPercent(1, 31), '3.23 %');
  assert.equal(formatPercent(4, 313), '1.28 %');
  assert.equal(formatPercent(4, 311), '1.29 %');
  assert.equal(formatPercent(0, 24), '0 %');
  assert.equal(formatPercent(0, 0), '0 %');
  assert.equal(formatPercent(5, 5), '100 %');
  assert.equal(formatPercent(1, 200), '0.5 %');
  assert.equal(formatPercent(1, 8), '12.5 %');
  assert.equal(formatPercent(1, 80_000), '0 %'); // 0.00125 % rounds to 0
  assert.equal(formatPercent(1, 20_000), '0.01 %'); // 0.005 %: half-way rounds up
});
