// SPEC §4 Responsables criteria: defaults, whitelisted sort keys, class ids kept only when they are the
// establishment's, and a query string that runs the same search again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { criteriaParams, DEFAULT_CRITERIA, parseSearchQuery, rememberedCriteria } from './search-criteria.ts';
import { pageNumbers, rangeText } from './views/pager.tsx';
import { foldText } from './sql-fragments.ts';

const CLASSES = [11, 12, 13];

test('how the admin came in: asked, back from an account page, or any other way', () => {
  assert.equal(parseSearchQuery({}, CLASSES).mode, 'fresh');
  assert.equal(parseSearchQuery({ rechercher: '1' }, CLASSES).mode, 'search');
  assert.equal(parseSearchQuery({ retour: '1', rechercher: '1' }, CLASSES).mode, 'return');
  assert.deepEqual(parseSearchQuery({ rechercher: '1' }, CLASSES).criteria, DEFAULT_CRITERIA);
});

test('sort keys come from the whitelist; anything else gives the default', () => {
  assert.deepEqual(parseSearchQuery({ rechercher: '1', tri: 'etat', ordre: 'desc' }, CLASSES).criteria.tri, 'etat');
  const evil = parseSearchQuery({ rechercher: '1', tri: 'a.id; drop table accounts', ordre: 'sideways' }, CLASSES).criteria;
  assert.equal(evil.tri, 'eleve');
  assert.equal(evil.ordre, 'asc');
  assert.equal(parseSearchQuery({ rechercher: '1', tri: ['etat', 'classe'] }, CLASSES).criteria.tri, 'etat');
});

test('classes: only the establishment\'s; all of them, or none, means every class', () => {
  assert.deepEqual(parseSearchQuery({ classe: ['12', '99', 'x'] }, CLASSES).criteria.classes, [12]);
  assert.equal(parseSearchQuery({ classe: ['11', '12', '13'] }, CLASSES).criteria.classes, null);
  assert.equal(parseSearchQuery({ classe: '99' }, CLASSES).criteria.classes, null);
});

test('states, e-mail and origins: unknown values dropped, nothing ticked reads as all', () => {
  const c = parseSearchQuery({ etat: ['active', 'bogus'], messagerie: 'sans', origine: [] }, CLASSES).criteria;
  assert.deepEqual(c.etats, ['active']);
  assert.deepEqual(c.messagerie, ['sans']);
  assert.deepEqual(c.origines, DEFAULT_CRITERIA.origines);
  assert.equal(parseSearchQuery({ page: '-3' }, CLASSES).page, 1);
  assert.equal(parseSearchQuery({ page: '4' }, CLASSES).page, 4);
  assert.equal(parseSearchQuery({ texte: 'x'.repeat(500) }, CLASSES).criteria.texte.length, 100);
});

test('a search survives its query string and the session unchanged', () => {
  const criteria = { ...DEFAULT_CRITERIA, texte: "N'Guessan", classes: [12], etats: ['notifie' as const], messagerie: ['avec' as const], tri: 'acces' as const, ordre: 'desc' as const };
  const params = Object.fromEntries([...new Set(criteriaParams(criteria).keys())].map((k) => [k, criteriaParams(criteria).getAll(k)]));
  assert.deepEqual(parseSearchQuery(params, CLASSES).criteria, criteria);
  assert.deepEqual(rememberedCriteria(JSON.parse(JSON.stringify(criteria)), CLASSES), criteria);
  assert.equal(rememberedCriteria({ tri: 'drop' }, CLASSES), null);
  assert.equal(rememberedCriteria(null, CLASSES), null);
});

test('the pager: "1 à 9 sur 9 élève(s)", first, last and the pages around the current one', () => {
  assert.equal(rangeText(1, 9, 9), '1 à 9 sur 9 élève(s)');
  assert.equal(rangeText(3, 12, 112), '101 à 112 sur 112 élève(s)');
  assert.deepEqual(pageNumbers(1, 1), [1]);
  assert.deepEqual(pageNumbers(6, 12), [1, 'gap', 4, 5, 6, 7, 8, 'gap', 12]);
});

test('typed text folds like names do in SQL', () => {
  assert.equal(foldText("N'Guessan"), 'nguessan');
  assert.equal(foldText('Lebœuf'), 'leboeuf');
  assert.equal(foldText('Dacosta-Lopès'), 'dacostalopes');
  assert.equal(foldText('ÉLODIE'), 'elodie');
});
