import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_DELAY_SECONDS, throttleDelaySeconds, waitMessage } from './throttle.ts';

test('the first attempts are free, then the delay doubles, capped: growing delays, no lockout', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((n) => throttleDelaySeconds(n)), [0, 0, 0, 2, 4, 8, 16]);
  assert.equal(throttleDelaySeconds(40), MAX_DELAY_SECONDS);
  assert.equal(throttleDelaySeconds(29, 'ip'), 0, 'one address may carry many people');
  assert.equal(throttleDelaySeconds(31, 'ip'), 4);
});

test('the wait is said in French, in seconds or minutes', () => {
  assert.equal(waitMessage(8), 'Trop de tentatives : réessayez dans 8 seconde(s).');
  assert.equal(waitMessage(0.2), 'Trop de tentatives : réessayez dans 1 seconde(s).');
  assert.equal(waitMessage(900), 'Trop de tentatives : réessayez dans 15 minute(s).');
});
