import { test } from 'node:test';
import assert from 'node:assert/strict';
import { educonnect } from '../../realms/educonnect.ts';
import { eduprovence } from '../../realms/eduprovence.ts';
import { isInstitutionalAddress } from '../student-activation/institutional-address.ts';
import { parseBirthDate } from './birth-date.ts';
import { parseEmailAddress } from './email-address.ts';
import { FLOW_MESSAGES } from './messages.ts';

test('birth dates: the date picker\'s value and JJ/MM/AAAA typed by hand; impossible dates refused', () => {
  for (const typed of ['2022-03-14', '14/03/2022', '14-03-2022', '14.03.2022', ' 14 / 3 / 2022 ', '14032022']) {
    assert.deepEqual(parseBirthDate(typed), { ok: true, iso: '2022-03-14' }, typed);
  }
  assert.deepEqual(parseBirthDate(''), { ok: false, message: FLOW_MESSAGES.birthDateMissing });
  for (const typed of ['31/02/2022', '2022-13-01', '14/03/22', 'hier', '00/01/2020', '01/01/1850']) {
    assert.deepEqual(parseBirthDate(typed), { ok: false, message: FLOW_MESSAGES.birthDateInvalid }, typed);
  }
});

test('e-mail addresses: trimmed, domain in lower case; "Adresse électronique invalide." otherwise', () => {
  assert.deepEqual(parseEmailAddress(' Jean.Dupont@Example.ORG '), { ok: true, address: 'Jean.Dupont@example.org' });
  assert.deepEqual(parseEmailAddress('a+b@sous.domaine.fr'), { ok: true, address: 'a+b@sous.domaine.fr' });
  for (const typed of ['jean', 'jean@', '@example.org', 'jean@example', 'jean dupont@example.org', 'jean..d@example.org', 'jean@exa_mple.org', 'a@b@c.fr']) {
    assert.deepEqual(parseEmailAddress(typed), { ok: false, message: 'Adresse électronique invalide.' }, typed);
  }
  assert.deepEqual(parseEmailAddress('  '), { ok: false, message: FLOW_MESSAGES.emailMissing });
});

test('a recovery address must not be an institutional one (seed 003)', () => {
  assert.equal(isInstitutionalAddress(educonnect, 'm.chateau', 'm.chateau@monbureaunumerique.fr'), true);
  assert.equal(isInstitutionalAddress(educonnect, 'm.chateau', 'autre@ent.monbureaunumerique.fr'), true);
  assert.equal(isInstitutionalAddress(educonnect, 'm.chateau', 'm.chateau@example.net'), false);
  assert.equal(isInstitutionalAddress(eduprovence, 'chateaum@eduprovence.fr', 'ChateauM@eduprovence.fr'), true);
  assert.equal(isInstitutionalAddress(eduprovence, 'chateaum@eduprovence.fr', 'maelys@example.org'), false);
});
