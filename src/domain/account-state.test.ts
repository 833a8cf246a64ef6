import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNT_ORIGIN_LABELS,
  ACCOUNT_STATE_LABELS,
  ACCOUNT_STATES,
  IllegalTransitionError,
  nextStatus,
  type AccountStatus,
} from './account-state.ts';

const status = (state: AccountStatus['state'], origin: AccountStatus['origin']): AccountStatus => ({ state, origin });

test('labels are the exact ones of the guide (seed 002 §1.3.4, §1.3.5)', () => {
  assert.deepEqual(Object.values(ACCOUNT_STATE_LABELS), [
    'Non notifié',
    'Notifié et non activé',
    "En cours d'activation",
    'Activé',
  ]);
  assert.deepEqual(Object.values(ACCOUNT_ORIGIN_LABELS), ['Etablissement', 'Responsable', 'FranceConnect', 'Non renseigné']);
});

test('the nightly import pre-creates a Non notifié account of unknown origin', () => {
  assert.deepEqual(nextStatus(null, 'precreate'), status('non_notifie', 'non_renseigne'));
  assert.throws(() => nextStatus(status('notifie', 'etablissement'), 'precreate'), IllegalTransitionError);
  assert.throws(() => nextStatus(null, 'notify'), IllegalTransitionError);
});

test('notification moves Non notifié to Notifié et non activé, origin Etablissement; other states are unchanged', () => {
  assert.deepEqual(nextStatus(status('non_notifie', 'non_renseigne'), 'notify'), status('notifie', 'etablissement'));
  for (const s of [status('notifie', 'etablissement'), status('en_cours', 'etablissement'), status('active', 'franceconnect')]) {
    assert.deepEqual(nextStatus(s, 'notify'), s);
  }
});

test('guardian first login then the C07 link: En cours d\'activation then Activé', () => {
  const afterFirst = nextStatus(status('notifie', 'etablissement'), 'first_login');
  assert.deepEqual(afterFirst, status('en_cours', 'etablissement'));
  assert.deepEqual(nextStatus(afterFirst, 'email_confirmed'), status('active', 'etablissement'));
  // rev.: logging in again while En cours d'activation keeps that state (new C07).
  assert.deepEqual(nextStatus(afterFirst, 'first_login'), afterFirst);
  assert.throws(() => nextStatus(status('non_notifie', 'non_renseigne'), 'first_login'), IllegalTransitionError);
  assert.throws(() => nextStatus(status('active', 'etablissement'), 'first_login'), IllegalTransitionError);
  assert.throws(() => nextStatus(status('notifie', 'etablissement'), 'email_confirmed'), IllegalTransitionError);
});

test('SMS registration activates any account not yet activated, origin Responsable (rev.)', () => {
  for (const state of ['non_notifie', 'notifie', 'en_cours'] as const) {
    assert.deepEqual(nextStatus(status(state, 'etablissement'), 'sms_registration'), status('active', 'responsable'));
  }
  assert.throws(() => nextStatus(status('active', 'etablissement'), 'sms_registration'), IllegalTransitionError);
});

test('FranceConnect activates with origin FranceConnect, and an activated account keeps its origin (rev.)', () => {
  for (const state of ['non_notifie', 'notifie', 'en_cours'] as const) {
    assert.deepEqual(nextStatus(status(state, 'etablissement'), 'franceconnect_login'), status('active', 'franceconnect'));
  }
  assert.deepEqual(nextStatus(status('active', 'responsable'), 'franceconnect_login'), status('active', 'responsable'));
});

test('student activation: Notifié et non activé → Activé, origin Etablissement (rev.)', () => {
  assert.deepEqual(nextStatus(status('notifie', 'etablissement'), 'student_activation'), status('active', 'etablissement'));
  assert.throws(() => nextStatus(status('non_notifie', 'non_renseigne'), 'student_activation'), IllegalTransitionError);
});

test('an admin reset leaves state and origin unchanged, and never applies to Non notifié', () => {
  for (const state of ACCOUNT_STATES.filter((s) => s !== 'non_notifie')) {
    assert.deepEqual(nextStatus(status(state, 'responsable'), 'admin_reset'), status(state, 'responsable'));
  }
  assert.throws(
    () => nextStatus(status('non_notifie', 'non_renseigne'), 'admin_reset'),
    (e: unknown) =>
      e instanceof IllegalTransitionError &&
      e.from === 'non_notifie' &&
      e.event === 'admin_reset' &&
      e.message === "Opération « réinitialisation du mot de passe » impossible pour un compte à l'état « Non notifié ».",
  );
});
