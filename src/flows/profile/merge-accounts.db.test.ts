import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { accounts, accountSessions, auditEvents, guardians, loginThrottles } from '../../db/schema.ts';
import { queryRows } from '../../db/rows.ts';
import { readProvisionalPassword } from '../../accounts/provisional.ts';
import { adminOf, ECOLE } from '../../admin/responsables/test-kit.ts';
import { csrfOf } from '../../../test/helpers/family.ts';
import type { TestInstance } from '../../../test/helpers/test-instance.ts';
import { accountOf, profileInstance, signedIn, splitReferences, withKnownPassword } from './profile-test-kit.ts';

const has = (body: string, text: string) => body.includes(text) || body.includes(text.replaceAll("'", '&#39;'));

describe('profile: Regrouper mes comptes (SPEC §3, §5 Profile; guide §1.2, §5.1)', () => {
  let g: TestInstance;
  let pair: { first: string; second: string };
  before(async () => {
    g = await profileInstance();
    const pairs = await splitReferences(g);
    const laurent = pairs.find((p) => p.first === 'h.laurent');
    assert.ok(laurent, `the demo has h.laurent and h.laurent2 (found ${JSON.stringify(pairs)})`);
    pair = laurent;
  });
  after(async () => {
    await g?.close();
  });

  async function referencesOf(accountId: string) {
    return (await g.database.db.select({ id: guardians.id }).from(guardians).where(eq(guardians.accountId, accountId))).map((r) => r.id).sort();
  }

  test('a wrong password for the other account is refused, counted like a login, and nothing changes', async () => {
    const self = await withKnownPassword(g, pair.first, 'Laurent2026a');
    const other = await withKnownPassword(g, pair.second, 'Autre2026b');
    const { agent, csrf } = await signedIn(g, pair.first, 'Laurent2026a', '10.2.0.1');
    const before = { self: await referencesOf(self.id), other: await referencesOf(other.id) };
    const r = await agent.post('/profil/regroupement', { identifier: pair.second, password: 'Mauvais2026', _csrf: csrf });
    assert.equal(r.status, 400);
    assert.match(r.body, /Identifiant ou mot de passe incorrect\./);
    assert.match(r.body, new RegExp(`id="merge-identifier"[^>]*value="${pair.second.replace('.', '\\.')}"`));
    assert.deepEqual({ self: await referencesOf(self.id), other: await referencesOf(other.id) }, before);
    await accountOf(g, pair.second);
    const [counter] = await g.database.db.select().from(loginThrottles).where(eq(loginThrottles.key, `account:${pair.second}`));
    assert.equal(counter?.failures, 1);
    const failed = await g.database.db.select().from(auditEvents).where(and(eq(auditEvents.accountId, self.id), eq(auditEvents.action, 'account.merge_failed')));
    assert.equal(failed.length, 1);
  });

  test('merging with itself, or with a student account, is refused', async () => {
    const { agent, csrf } = await signedIn(g, pair.first, 'Laurent2026a', '10.2.0.2');
    const self = await agent.post('/profil/regroupement', { identifier: ` ${pair.first.toUpperCase()} `, password: 'Laurent2026a', _csrf: csrf });
    assert.equal(self.status, 400);
    assert.ok(has(self.body, "C'est l'identifiant du compte avec lequel vous êtes connecté"));
    const student = await agent.post('/profil/regroupement', { identifier: 'm.chateau', password: 'ELEVE234', _csrf: csrf });
    assert.equal(student.status, 400);
    assert.ok(has(student.body, "Cet autre compte n'est pas un compte de responsable"));
    assert.equal((await g.database.db.select().from(accounts).where(inArray(accounts.identifier, [pair.first, 'm.chateau']))).length, 2);
  });

  test('after confirmation the children move, the other account and its sessions are gone, both ids are audited', async () => {
    const self = await accountOf(g, pair.first);
    const other = await accountOf(g, pair.second);
    const movedReferences = await referencesOf(other.id);
    const ownReferences = await referencesOf(self.id);
    const otherSession = await signedIn(g, pair.second, 'Autre2026b', '10.2.0.3');
    const { agent, csrf, page } = await signedIn(g, pair.first, 'Laurent2026a', '10.2.0.4');
    assert.ok(has(page.body, 'Éléonore'));
    assert.ok(!has(page.body, 'Naëlle'));

    const proven = await agent.post('/profil/regroupement', { identifier: pair.second, password: 'Autre2026b', _csrf: csrf });
    assert.equal(proven.status, 303);
    assert.match(proven.location ?? '', /^\/profil\/regroupement\/[0-9a-f-]{36}$/);
    const confirm = await agent.get(proven.location!);
    assert.equal(confirm.status, 200);
    assert.ok(has(confirm.body, 'Naëlle Laurent'), 'the confirmation lists the children that will move');
    assert.ok(has(confirm.body, pair.second));
    // Nothing has moved before the confirmation.
    assert.deepEqual(await referencesOf(other.id), movedReferences);

    const done = await agent.post(proven.location!, { _csrf: csrfOf(confirm.body) });
    assert.equal(done.status, 303);
    assert.match(done.location ?? '', /^\/profil\?resultat=regroupement&flux=/);
    const result = await agent.get(done.location!);
    assert.ok(has(result.body, 'Vos comptes ont été regroupés : votre enfant Naëlle Laurent est maintenant rattaché à ce compte.'));
    assert.ok(has(result.body, 'Éléonore') && has(result.body, 'Naëlle'));

    assert.equal(await g.database.db.query.accounts.findFirst({ where: eq(accounts.id, other.id) }), undefined);
    assert.deepEqual(await referencesOf(self.id), [...ownReferences, ...movedReferences].sort());
    assert.equal((await g.database.db.select().from(accountSessions).where(eq(accountSessions.accountId, other.id))).length, 0);
    assert.equal((await otherSession.agent.get('/profil')).status, 303, "the other account's session ended");
    assert.equal((await g.accounts.checkCredentials(pair.second, 'Autre2026b')).outcome, 'invalid');
    assert.equal((await g.accounts.checkCredentials(pair.first, 'Laurent2026a')).outcome, 'valid');

    const audit = await g.database.db.select().from(auditEvents).where(inArray(auditEvents.action, ['account.merged_into', 'account.merged_from']));
    const into = audit.find((e) => e.action === 'account.merged_into');
    const from = audit.find((e) => e.action === 'account.merged_from');
    assert.equal(into?.accountId, other.id);
    assert.equal(into?.details.identifier, pair.second);
    assert.equal(into?.details.into, pair.first);
    assert.equal(from?.accountId, self.id);
    assert.equal(from?.details.from, pair.second);

    // The confirmation cannot be replayed, and the result message shows once.
    assert.equal((await agent.post(proven.location!, { _csrf: csrf })).status, 410);
    assert.ok(!has((await agent.get(done.location!)).body, 'Vos comptes ont été regroupés'));
  });

  test('the console no longer shows the merged-away account; the remaining one lists both children', async () => {
    const self = await accountOf(g, pair.first);
    const [gone] = await queryRows<{ account_id: string }>(
      g.database.db,
      sql`select account_id from audit_events where action = 'account.merged_into' limit 1`,
    );
    const admin = await adminOf(g, 'directeur.demo', ECOLE);
    assert.equal((await admin.get(`/admin/responsables/compte/${gone!.account_id}`)).status, 404);
    const page = await admin.get(`/admin/responsables/compte/${self.id}`);
    assert.equal(page.status, 200);
    assert.ok(has(page.body, 'Naëlle') && has(page.body, 'Éléonore'));
    assert.ok(!page.body.includes(pair.second));
  });

  test('a provisional password counts as proof of the other account', async () => {
    const pairs = await splitReferences(g);
    const noel = pairs.find((p) => p.first === 's.noel');
    assert.ok(noel);
    const other = await accountOf(g, noel.second);
    const provisional = readProvisionalPassword(g.deps, other);
    assert.ok(provisional, `${noel.second} holds a provisional password`);
    await withKnownPassword(g, noel.first, 'Noel2026abc');
    const { agent, csrf } = await signedIn(g, noel.first, 'Noel2026abc', '10.2.0.5');
    const proven = await agent.post('/profil/regroupement', { identifier: noel.second, password: provisional.toLowerCase(), _csrf: csrf });
    assert.equal(proven.status, 303);
    const confirm = await agent.get(proven.location!);
    assert.equal((await agent.post(proven.location!, { _csrf: csrfOf(confirm.body) })).status, 303);
    assert.equal(await g.database.db.query.accounts.findFirst({ where: eq(accounts.id, other.id) }), undefined);
  });

  test('a student sees no merge section and cannot post one', async () => {
    const [student] = await g.database.db.select({ identifier: accounts.identifier }).from(accounts).where(and(eq(accounts.kind, 'student'), eq(accounts.state, 'active'))).limit(1);
    assert.ok(student);
    await withKnownPassword(g, student.identifier, 'Eleve#2026a');
    const { agent, page, csrf } = await signedIn(g, student.identifier, 'Eleve#2026a', '10.2.0.6');
    assert.ok(!page.body.includes('Regrouper mes comptes'));
    assert.ok(page.body.includes('Changer mon mot de passe'));
    const r = await agent.post('/profil/regroupement', { identifier: pair.first, password: 'Laurent2026a', _csrf: csrf });
    assert.equal(r.status, 403);
    assert.match(r.body, /réservé aux comptes de responsables/);
    await accountOf(g, pair.first);
  });
});
