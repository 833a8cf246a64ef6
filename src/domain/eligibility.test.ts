import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isGuardianEligible, isStudentEligible, studentIneligibility, type StudentRecord } from './eligibility.ts';

const admitted: StudentRecord = { ine: '100000000AA', definitivelyAdmitted: true, classId: 7 };

test('seed 002 §1.3.1: definitively admitted, with a national INE, assigned to a class', () => {
  assert.equal(isStudentEligible(admitted), true);
  assert.deepEqual(studentIneligibility({ ...admitted, definitivelyAdmitted: false }), ['not_admitted']);
  assert.deepEqual(studentIneligibility({ ...admitted, ine: null }), ['no_ine']);
  assert.deepEqual(studentIneligibility({ ...admitted, ine: '  ' }), ['no_ine']);
  assert.deepEqual(studentIneligibility({ ...admitted, classId: null }), ['no_class']);
  assert.deepEqual(studentIneligibility({ ine: null, definitivelyAdmitted: false, classId: null }), [
    'not_admitted',
    'no_ine',
    'no_class',
  ]);
  assert.deepEqual(studentIneligibility({ ...admitted, goneAt: new Date('2026-07-05') }), ['gone']);
});

test('only a legal guardian of a qualifying student gets an account', () => {
  assert.equal(isGuardianEligible([{ legalResponsibility: true, student: admitted }]), true);
  assert.equal(isGuardianEligible([{ legalResponsibility: false, student: admitted }]), false);
  assert.equal(isGuardianEligible([{ legalResponsibility: true, student: { ...admitted, classId: null } }]), false);
  assert.equal(isGuardianEligible([]), false);
});

test('rev.: siblings across schools — one qualifying child anywhere keeps the guardian eligible', () => {
  const left = { ...admitted, goneAt: new Date('2026-07-05') };
  assert.equal(
    isGuardianEligible([
      { legalResponsibility: true, student: left },
      { legalResponsibility: true, student: admitted },
    ]),
    true,
  );
  assert.equal(isGuardianEligible([{ legalResponsibility: true, student: left }]), false);
});
