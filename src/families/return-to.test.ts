import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeReturnTo } from './return-to.ts';

test('only paths of this site are kept: never an open redirect', () => {
  assert.equal(safeReturnTo('/oidc/interaction/abc?x=1'), '/oidc/interaction/abc?x=1');
  assert.equal(safeReturnTo('/portail'), '/portail');
  for (const hostile of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', '/a\nb', '', 42, undefined]) {
    assert.equal(safeReturnTo(hostile), undefined, String(hostile));
  }
});
