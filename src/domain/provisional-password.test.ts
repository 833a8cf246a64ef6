import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import {
  PROVISIONAL_PASSWORD_ALPHABET,
  generateProvisionalPassword,
  isProvisionalExpired,
  normalizeTypedProvisionalPassword,
  provisionalExpiresAt,
} from './provisional-password.ts';

test('8 characters, upper-case letters and digits, never 0, O, 1 or I', () => {
  for (let i = 0; i < 2000; i++) {
    const password = generateProvisionalPassword(randomInt);
    assert.match(password, /^[A-HJ-NP-Z2-9]{8}$/);
  }
  assert.equal(PROVISIONAL_PASSWORD_ALPHABET.length, 32);
  assert.doesNotMatch(PROVISIONAL_PASSWORD_ALPHABET, /[01OI]/);
});

test('uses the injected random source, so the seed example BUNZ57DM can be reproduced', () => {
  const wanted = 'BUNZ57DM';
  let i = 0;
  const scripted = () => PROVISIONAL_PASSWORD_ALPHABET.indexOf(wanted[i++]!);
  assert.equal(generateProvisionalPassword(scripted), 'BUNZ57DM');
});

test('every character of the alphabet is drawn (uniform source, no truncation)', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 500; i++) for (const c of generateProvisionalPassword(randomInt)) seen.add(c);
  assert.equal(seen.size, 32);
});

test('what a parent types from the letter is forgiven spaces and lower case', () => {
  assert.equal(normalizeTypedProvisionalPassword(' bunz 57dm '), 'BUNZ57DM');
});

test('rev.: expires three months after the distribution date', () => {
  const distributed = new Date('2026-09-01T08:00:00Z');
  assert.equal(provisionalExpiresAt(distributed, 3).toISOString(), '2026-12-01T08:00:00.000Z');
  assert.equal(isProvisionalExpired(distributed, new Date('2026-11-30T23:59:59Z'), 3), false);
  assert.equal(isProvisionalExpired(distributed, new Date('2026-12-01T08:00:00Z'), 3), true);
  assert.equal(provisionalExpiresAt(new Date('2026-11-30T10:00:00Z'), 3).toISOString(), '2027-02-28T10:00:00.000Z');
  assert.equal(isProvisionalExpired(null, new Date(), 3), false);
});
