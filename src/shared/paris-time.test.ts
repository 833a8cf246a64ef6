import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactParisTimestamp, frenchDate, parisTime } from './paris-time.ts';

test('Paris wall-clock time, winter and summer, whatever the server zone', () => {
  assert.equal(compactParisTimestamp(new Date('2026-11-23T08:00:05Z')), '20261123090005');
  assert.equal(compactParisTimestamp(new Date('2026-07-01T22:30:00Z')), '20260702003000');
  assert.equal(parisTime(new Date('2026-03-29T01:30:00Z')).hour, '03');
});

test('JJ-MM-AAAA of the school day; nothing for no date', () => {
  assert.equal(frenchDate(new Date('2026-09-01T22:30:00Z')), '02-09-2026');
  assert.equal(frenchDate('2026-09-01T06:00:00Z'), '01-09-2026');
  assert.equal(frenchDate(null), '');
});
