import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayKey, scopeChange, scopeRejection, streamKeyPrefix } from './stream-keys.ts';

test('every AAF key of a change is scoped to its stream; other namespaces are left alone', () => {
  const change = scopeChange(
    {
      kind: 'student',
      key: 'aaf:52',
      at: { file: 'f.xml', line: 3 },
      operation: 'modify',
      fields: { structureKey: 'aaf:41', guardians: [{ guardianKey: 'aaf:73', relation: '10', legal: true }] },
    },
    'ENT2DAIX',
  );
  assert.equal(change.key, 'aaf:ENT2DAIX:52');
  assert.deepEqual(change.operation === 'modify' && change.fields, {
    structureKey: 'aaf:ENT2DAIX:41',
    guardians: [{ guardianKey: 'aaf:ENT2DAIX:73', relation: '10', legal: true }],
  });
  const staff = scopeChange(
    { kind: 'staff', key: 'aaf:84', at: { file: 'f.xml', line: 1 }, operation: 'add', fields: { lastName: 'X', firstName: 'Y', email: null, functions: [{ structureKey: 'aaf:41', code: 'DIR', label: 'DIRECTION' }] } },
    'P',
  );
  assert.deepEqual(staff.operation === 'add' && (staff.fields as { functions: unknown }).functions, [{ structureKey: 'aaf:P:41', code: 'DIR', label: 'DIRECTION' }]);
  assert.equal(scopeChange({ kind: 'student', key: 'csv:0130001A:1', at: { file: 'f', line: 1 }, operation: 'delete' }, 'P').key, 'csv:0130001A:1');
  assert.deepEqual(scopeRejection({ at: { file: 'f', line: 2 }, reason: 'r', key: 'aaf:9' }, 'P'), { at: { file: 'f', line: 2 }, reason: 'r', key: 'aaf:P:9' });
  assert.equal(streamKeyPrefix('ENT1D'), 'aaf:ENT1D:');
  assert.equal(displayKey('aaf:ENT2DAIX:4999'), '4999');
});
