import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCode, codeHash, drawCode, issueCode, MAX_CODE_ATTEMPTS, typedCode } from './one-time-code.ts';

const NOW = new Date('2026-11-23T08:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe('one-time SMS codes (security baseline)', () => {
  test('six digits from the injected source, kept only as a hash bound to the flow', () => {
    assert.equal(drawCode(() => 42), '000042');
    assert.equal(drawCode((max) => max - 1), '999999');
    const issued = issueCode(undefined, 'flow-a', () => 123456, NOW);
    assert.ok(issued.ok);
    assert.equal(issued.code, '123456');
    assert.doesNotMatch(JSON.stringify(issued.state), /123456/);
    assert.notEqual(codeHash('flow-a', '123456'), codeHash('flow-b', '123456'));
    assert.equal(issued.state.expiresAt, at(10 * 60_000).toISOString());
  });

  test('valid, wrong with the tries left, expired, exhausted, malformed', () => {
    const issued = issueCode(undefined, 'f', () => 654321, NOW);
    assert.ok(issued.ok);
    assert.deepEqual(checkCode(issued.state, 'f', '654 321', at(1000)), { outcome: 'valid' });
    assert.deepEqual(checkCode(issued.state, 'f', '000000', at(1000)), { outcome: 'wrong', remaining: MAX_CODE_ATTEMPTS - 1 });
    assert.deepEqual(checkCode(issued.state, 'other-flow', '654321', at(1000)), { outcome: 'wrong', remaining: MAX_CODE_ATTEMPTS - 1 });
    assert.deepEqual(checkCode(issued.state, 'f', '654321', at(10 * 60_000)), { outcome: 'expired' });
    assert.deepEqual(checkCode({ ...issued.state, attempts: MAX_CODE_ATTEMPTS }, 'f', '654321', at(1000)), { outcome: 'exhausted' });
    assert.deepEqual(checkCode(issued.state, 'f', '65432', at(1000)), { outcome: 'malformed' });
    assert.equal(typedCode(' 12 34 56 '), '123456');
    assert.equal(typedCode('12345a'), null);
  });

  test('a new code: at most 3 per flow, 60 s apart, its tries start again', () => {
    const first = issueCode(undefined, 'f', () => 1, NOW);
    assert.ok(first.ok);
    assert.deepEqual(issueCode({ ...first.state, attempts: 4 }, 'f', () => 2, at(30_000)), { ok: false, reason: 'too_soon', waitSeconds: 30 });
    const second = issueCode({ ...first.state, attempts: 4 }, 'f', () => 2, at(60_000));
    assert.ok(second.ok);
    assert.equal(second.state.attempts, 0);
    assert.equal(second.state.sends, 2);
    const third = issueCode(second.state, 'f', () => 3, at(120_000));
    assert.ok(third.ok);
    assert.deepEqual(issueCode(third.state, 'f', () => 4, at(180_000)), { ok: false, reason: 'too_many_sends' });
  });
});
