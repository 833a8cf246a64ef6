import { test } from 'node:test';
import assert from 'node:assert/strict';
import { annexExample } from './letters/annex-example.ts';
import { letterEmailMessage } from './letter-message.ts';

test('an e-mail letter becomes an outgoing e-mail named after its code', () => {
  const message = letterEmailMessage(annexExample('C06'), 'jean.dupont@example.org', '7f2c1c3e-0000-4000-8000-000000000001');
  assert.equal(message.channel, 'email');
  assert.equal(message.template, 'C06');
  assert.equal(message.subject, "Services en ligne de l'éducation nationale - demande de changement de mot de passe");
  assert.ok(message.text.includes('BUNZ57DM') && message.html!.includes('BUNZ57DM'));
  assert.equal(message.accountId, '7f2c1c3e-0000-4000-8000-000000000001');
});

test('a sheet is not an e-mail', () => {
  assert.throws(() => letterEmailMessage(annexExample('C01'), 'x@example.org'), /feuille à imprimer/);
});
