import { test } from 'node:test';
import assert from 'node:assert/strict';
import { letterFor, resetApplies } from './letters.ts';
import type { AccountState } from './account-state.ts';

// The table of annex A1.1 (seed 002), one row per state: sheet, e-mail, sheet + reset, e-mail + reset.
const TABLE: Array<[AccountState, string, string, string, string]> = [
  ['non_notifie', 'C01', 'C02', 'C01', 'C02'],
  ['notifie', 'C01', 'C02', 'C01', 'C02'],
  ['en_cours', 'C03', 'C04', 'C05', 'C06'],
  ['active', 'C03', 'C04', 'C05', 'C06'],
];

test('the letter follows the table of annex A1.1', () => {
  for (const [state, sheet, email, sheetReset, emailReset] of TABLE) {
    const holdsProvisionalPassword = state === 'notifie';
    assert.equal(letterFor({ state, channel: 'sheet', reset: false, holdsProvisionalPassword }), sheet, state);
    assert.equal(letterFor({ state, channel: 'email', reset: false, holdsProvisionalPassword }), email, state);
    assert.equal(letterFor({ state, channel: 'sheet', reset: true, holdsProvisionalPassword }), sheetReset, state);
    assert.equal(letterFor({ state, channel: 'email', reset: true, holdsProvisionalPassword }), emailReset, state);
  }
});

test('rev.: an activated account still holding a provisional password gets C05/C06 without the reset option', () => {
  assert.equal(letterFor({ state: 'active', channel: 'sheet', reset: false, holdsProvisionalPassword: true }), 'C05');
  assert.equal(letterFor({ state: 'en_cours', channel: 'email', reset: false, holdsProvisionalPassword: true }), 'C06');
});

test('a reset never applies to Non notifié accounts', () => {
  assert.equal(resetApplies('non_notifie'), false);
  assert.equal(resetApplies('notifie'), true);
  assert.equal(resetApplies('active'), true);
});
