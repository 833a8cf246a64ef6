// SPEC §6 claims from one account row: the EduConnect names, the profile from the degrees, no INE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountClaims, guardianAffiliation, type AccountClaimsRow, type SchoolingRow } from './account-claims.ts';

const school = (degree: '1D' | '2D', uai: string, more: Partial<SchoolingRow> = {}): SchoolingRow => ({
  givenName: 'Jade',
  familyName: 'Fontanel',
  birthDate: '2012-03-02',
  uai,
  degree,
  class: 'CM1 A',
  level: 'CM1',
  ...more,
});

const base: AccountClaimsRow = {
  id: '3f9c2a4e-0000-4000-8000-000000000001',
  kind: 'guardian',
  identifier: 'b.fontanel',
  email: null,
  emailVerified: false,
  student: null,
  guardian: { givenName: 'Bénédicte', familyName: 'Fontanel' },
  children: [],
};

test('guardian affiliation from the degrees of the children: one value, or both as an array', () => {
  assert.equal(guardianAffiliation([{ degree: '1D' }, { degree: '1D' }]), 'resp1d');
  assert.equal(guardianAffiliation([{ degree: '2D' }]), 'resp2d');
  assert.deepEqual(guardianAffiliation([{ degree: '2D' }, { degree: '1D' }]), ['resp1d', 'resp2d']);
  assert.equal(guardianAffiliation([]), undefined);
});

test('a guardian: names, children with UAI, class and level, the establishments once each; no e-mail when none', () => {
  const claims = accountClaims({ ...base, children: [school('1D', '0311478N'), school('1D', '0311478N', { givenName: 'Lou', class: 'CP A', level: 'CP' })] });
  assert.equal(claims.sub, base.id);
  assert.equal(claims.FrEduCtId, base.id);
  assert.equal(claims.preferred_username, 'b.fontanel');
  assert.equal(claims.given_name, 'Bénédicte');
  assert.equal(claims.FrEduCtPersonAffiliation, 'resp1d');
  assert.deepEqual(claims.uai, ['0311478N']);
  assert.deepEqual(claims.children, [
    { given_name: 'Jade', family_name: 'Fontanel', uai: '0311478N', class: 'CM1 A', level: 'CM1' },
    { given_name: 'Lou', family_name: 'Fontanel', uai: '0311478N', class: 'CP A', level: 'CP' },
  ]);
  assert.equal('email' in claims, false);
  assert.equal('birthdate' in claims, false);
});

test('a student: eleve2d, UAI, level (MEFSTAT4 or code), birth date in both names; never the INE', () => {
  const claims = accountClaims({
    ...base,
    kind: 'student',
    identifier: 'm.chateau',
    email: 'm@example.org',
    emailVerified: true,
    guardian: null,
    student: school('2D', '0379142G', { givenName: 'Maëlys', familyName: 'Château', level: '2211', birthDate: '2012-03-02' }),
  });
  assert.equal(claims.FrEduCtPersonAffiliation, 'eleve2d');
  assert.equal(claims.FrEduCtEleveUAI, '0379142G');
  assert.equal(claims.FrEduCtEleveNiveau, '2211');
  assert.equal(claims.FrEduCtDateNaissance, '2012-03-02');
  assert.equal(claims.birthdate, '2012-03-02');
  assert.equal(claims.email_verified, true);
  assert.equal(claims.children, undefined);
  assert.equal(Object.keys(claims).some((k) => /ine/i.test(k)), false);
});
