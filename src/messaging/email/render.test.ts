import { test } from 'node:test';
import assert from 'node:assert/strict';
import { letterContent } from '../letters/letter-content.ts';
import { annexExample } from '../letters/annex-example.ts';
import { renderEmail } from './render.ts';

test('C02: subject, and both parts carry the identifier and the provisional password', () => {
  const email = renderEmail(letterContent(annexExample('C02')));
  assert.equal(email.subject, 'Mise à disposition de services en ligne pour suivre la scolarité de votre enfant');
  for (const part of [email.text, email.html]) {
    assert.ok(part.includes('celine.dupont114'));
    assert.ok(part.includes('BUNZ57DM'));
    assert.ok(part.includes('Maël DUPONT'));
  }
  assert.ok(email.html.startsWith('<!doctype html><html lang="fr">'));
  assert.ok(email.html.includes('<a href="http://localhost:3000/aide">http://localhost:3000/aide</a>'));
  assert.ok(email.text.includes('    Mot de passe * : BUNZ57DM'));
});

test('names from the directory are escaped in the HTML part and kept as typed in the text part', () => {
  const email = renderEmail(
    letterContent(annexExample('C04', { recipient: { firstName: '<script>alert(1)</script>', lastName: 'O"Hara & fils' } })),
  );
  assert.ok(!email.html.includes('<script>'));
  assert.ok(email.html.includes('&lt;script>alert(1)&lt;/script>') || email.html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(email.html.includes('&amp; FILS'));
  assert.ok(email.text.includes('A l\'attention de <script>alert(1)</script> O"HARA & FILS.'));
  assert.ok(!email.html.includes('BUNZ57DM'));
});

test('C07: the activation link is a real link in the HTML part and on its own line in the text part', () => {
  const email = renderEmail(letterContent(annexExample('C07')));
  assert.equal(email.subject, "Services en ligne de l'éducation nationale - activation du compte");
  assert.ok(email.html.includes('<a href="http://localhost:3000/activation/tok3n">'));
  assert.ok(email.text.includes('\nhttp://localhost:3000/activation/tok3n\n'));
});
