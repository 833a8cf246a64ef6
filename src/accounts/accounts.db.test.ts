import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { accounts, auditEvents, guardians } from '../db/schema.ts';
import { SYSTEM, type Actor } from '../audit/record.ts';
import { testInstance, type TestInstance } from '../../test/helpers/test-instance.ts';
import { makeGuardian } from '../../test/helpers/factories.ts';

const ADMIN: Actor = { kind: 'staff', id: 1, ip: '127.0.0.1' };
const PROVISIONAL = /^[A-HJ-NP-Z2-9]{8}$/;

describe('accounts service', () => {
  let g: TestInstance;
  before(async () => {
    g = await testInstance();
  });
  after(async () => {
    await g?.close();
  });

  const account = async (id: string) => (await g.database.db.query.accounts.findFirst({ where: eq(accounts.id, id) }))!;
  async function precreateGuardian(firstName: string, lastName: string, email: string | null = null) {
    const guardian = await makeGuardian(g.database.db, { firstName, lastName, email });
    const [created] = await g.accounts.precreate(
      [{ kind: 'guardian', person: { firstName, lastName }, email, guardianIds: [guardian.id] }],
      SYSTEM,
    );
    return { ...created!, guardianId: guardian.id };
  }

  test('pre-creation: p.nom identifier without accents, Non notifié, origin Non renseigné, linked and audited', async () => {
    const created = await precreateGuardian('Jérôme', 'Le Bœuf-Müller');
    assert.equal(created.identifier, 'j.leboeufmuller');
    const row = await account(created.accountId);
    assert.equal(row.state, 'non_notifie');
    assert.equal(row.origin, 'non_renseigne');
    assert.equal(row.provisionalPassword, null);
    const guardian = await g.database.db.query.guardians.findFirst({ where: eq(guardians.id, created.guardianId) });
    assert.equal(guardian!.accountId, created.accountId);
    const events = await g.database.db.select().from(auditEvents).where(eq(auditEvents.accountId, created.accountId));
    assert.deepEqual(events.map((e) => e.action), ['account.precreated']);
  });

  test('a taken identifier gets a number, also within one batch', async () => {
    const batch = await g.accounts.precreate(
      [
        { kind: 'guardian', person: { firstName: 'Gaëlle', lastName: 'Réabu' } },
        { kind: 'guardian', person: { firstName: 'Gérard', lastName: 'Reabu' } },
      ],
      SYSTEM,
    );
    const third = await g.accounts.precreate([{ kind: 'guardian', person: { firstName: 'Gilles', lastName: 'Réâbu' } }], SYSTEM);
    assert.deepEqual([...batch, ...third].map((c) => c.identifier), ['g.reabu', 'g.reabu2', 'g.reabu3']);
  });

  test('identifiers stay unique under concurrency (unique index and retry)', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => g.accounts.precreate([{ kind: 'guardian', person: { firstName: 'Jean', lastName: 'Dupont' } }], SYSTEM)),
    );
    const identifiers = results.map((r) => r[0]!.identifier).sort();
    assert.equal(new Set(identifiers).size, 12);
    assert.ok(identifiers.includes('j.dupont'));
    assert.ok(identifiers.every((id) => /^j\.dupont\d*$/.test(id)));
  });

  test('notification by sheet: Notifié et non activé, origin Etablissement, distribution date, C01 with a sealed provisional password', async () => {
    const { accountId } = await precreateGuardian('Véronique', 'Niorb');
    const outcome = await g.accounts.notify({ accountIds: [accountId], channel: 'sheet', reset: false }, ADMIN);
    assert.equal(outcome.notified.length, 1);
    const [notified] = outcome.notified;
    assert.equal(notified!.letter, 'C01');
    assert.match(notified!.provisionalPassword!, PROVISIONAL);
    const row = await account(accountId);
    assert.equal(row.state, 'notifie');
    assert.equal(row.origin, 'etablissement');
    assert.equal(row.distributedAt!.toISOString(), g.clock().toISOString());
    assert.ok(!row.provisionalPassword!.includes(notified!.provisionalPassword!), 'stored encrypted, never in clear');
    assert.equal(row.passwordHash, null);

    // Re-notifying without reset hands out the same password again (C01), and keeps the state.
    g.clock.advance(86_400_000);
    const again = await g.accounts.notify({ accountIds: [accountId], channel: 'sheet', reset: false }, ADMIN);
    assert.equal(again.notified[0]!.letter, 'C01');
    assert.equal(again.notified[0]!.provisionalPassword, notified!.provisionalPassword);
    assert.equal((await account(accountId)).distributedAt!.toISOString(), g.clock().toISOString());

    const check = await g.accounts.checkCredentials('v.niorb', notified!.provisionalPassword!.toLowerCase());
    assert.equal(check.outcome, 'valid');
    const audit = await g.database.db.select().from(auditEvents).where(eq(auditEvents.accountId, accountId));
    assert.deepEqual(audit.map((e) => e.action), ['account.precreated', 'account.notified', 'account.notified']);
    assert.ok(audit.every((e) => !JSON.stringify(e.details).includes(notified!.provisionalPassword!)), 'no password in the audit');
  });

  test('notification by e-mail skips and reports the accounts without an address', async () => {
    const withEmail = await precreateGuardian('Anaïs', 'Courriel', 'anais@example.org');
    const without = await precreateGuardian('Bruno', 'Sansmail');
    const outcome = await g.accounts.notify({ accountIds: [withEmail.accountId, without.accountId], channel: 'email', reset: false }, ADMIN);
    assert.deepEqual(outcome.notified.map((n) => [n.identifier, n.letter]), [['a.courriel', 'C02']]);
    assert.deepEqual(outcome.withoutEmail, [{ accountId: without.accountId, identifier: 'b.sansmail' }]);
    assert.equal((await account(without.accountId)).state, 'non_notifie');
  });

  test('set own password: the realm policy, then Argon2id; the provisional copy is deleted', async () => {
    const { accountId, identifier } = await precreateGuardian('Chloé', 'Choisit');
    const { notified } = await g.accounts.notify({ accountIds: [accountId], channel: 'sheet', reset: false }, ADMIN);
    const provisional = notified[0]!.provisionalPassword!;

    const refused = await g.accounts.setOwnPassword({ accountId, password: 'Quinzecaracter5' }, { kind: 'account', id: accountId });
    assert.equal(refused.ok, false);
    assert.ok(!refused.ok && refused.unmet.some((m) => m.includes('14 caractères')));

    const accepted = await g.accounts.setOwnPassword({ accountId, password: 'Famille2026' }, { kind: 'account', id: accountId });
    assert.deepEqual(accepted, { ok: true });
    const row = await account(accountId);
    assert.equal(row.provisionalPassword, null);
    assert.match(row.passwordHash!, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal((await g.accounts.checkCredentials(identifier, provisional)).outcome, 'invalid');
    assert.equal((await g.accounts.checkCredentials(identifier, 'Famille2026')).outcome, 'valid');
  });

  test('an admin reset: new provisional password, old password refused at once, state unchanged; never for Non notifié', async () => {
    const chosen = await precreateGuardian('Denis', 'Oublie', 'denis@example.org');
    await g.accounts.notify({ accountIds: [chosen.accountId], channel: 'sheet', reset: false }, ADMIN);
    await g.accounts.setOwnPassword({ accountId: chosen.accountId, password: 'Oublie2026' }, { kind: 'account', id: chosen.accountId });
    await g.database.db.update(accounts).set({ state: 'active' }).where(eq(accounts.id, chosen.accountId));
    const fresh = await precreateGuardian('Emma', 'Jamais');

    const outcome = await g.accounts.resetPasswords({ accountIds: [chosen.accountId, fresh.accountId] }, ADMIN);
    assert.deepEqual(outcome.notApplied, [fresh.accountId]);
    assert.equal(outcome.reset.length, 1);
    const newPassword = outcome.reset[0]!.provisionalPassword;
    assert.match(newPassword, PROVISIONAL);
    assert.equal((await g.accounts.checkCredentials(chosen.identifier, 'Oublie2026')).outcome, 'invalid');
    const check = await g.accounts.checkCredentials(chosen.identifier, newPassword);
    assert.ok(check.outcome === 'valid' && check.provisional && check.state === 'active');
    assert.equal((await account(chosen.accountId)).state, 'active');
    assert.equal((await account(fresh.accountId)).provisionalPassword, null);

    // rev.: re-notifying an activated account that holds a provisional password gives C05, with that password.
    const renotified = await g.accounts.notify({ accountIds: [chosen.accountId], channel: 'sheet', reset: false }, ADMIN);
    assert.equal(renotified.notified[0]!.letter, 'C05');
    assert.equal(renotified.notified[0]!.provisionalPassword, newPassword);
  });

  test('notification with reset: Non notifié accounts are reported, activated accounts get C06 and a new password', async () => {
    const fresh = await precreateGuardian('Fanny', 'Nouvelle', 'fanny@example.org');
    const active = await precreateGuardian('Gaston', 'Actif', 'gaston@example.org');
    await g.accounts.notify({ accountIds: [active.accountId], channel: 'email', reset: false }, ADMIN);
    await g.accounts.setOwnPassword({ accountId: active.accountId, password: 'Gaston2026' }, { kind: 'account', id: active.accountId });
    await g.database.db.update(accounts).set({ state: 'active' }).where(eq(accounts.id, active.accountId));

    const outcome = await g.accounts.notify({ accountIds: [fresh.accountId, active.accountId], channel: 'email', reset: true }, ADMIN);
    assert.deepEqual(outcome.resetNotApplied, [fresh.accountId]);
    const letters = Object.fromEntries(outcome.notified.map((n) => [n.accountId, n.letter]));
    assert.equal(letters[fresh.accountId], 'C02');
    assert.equal(letters[active.accountId], 'C06');
    assert.equal((await g.accounts.checkCredentials(active.identifier, 'Gaston2026')).outcome, 'invalid');

    // Without reset, an activated account with its own password gets C04 and no password.
    await g.accounts.setOwnPassword({ accountId: active.accountId, password: 'Gaston2027' }, { kind: 'account', id: active.accountId });
    const reminder = await g.accounts.notify({ accountIds: [active.accountId], channel: 'email', reset: false }, ADMIN);
    assert.equal(reminder.notified[0]!.letter, 'C04');
    assert.equal(reminder.notified[0]!.provisionalPassword, null);
    assert.equal((await g.accounts.checkCredentials(active.identifier, 'Gaston2027')).outcome, 'valid');
  });

  test('rev.: a provisional password expires 3 months after its distribution; a re-notification starts them again', async () => {
    const { accountId, identifier } = await precreateGuardian('Hugo', 'Expire');
    const { notified } = await g.accounts.notify({ accountIds: [accountId], channel: 'sheet', reset: false }, ADMIN);
    const password = notified[0]!.provisionalPassword!;
    const start = g.clock().toISOString();
    g.clock.advance(95 * 86_400_000);
    assert.equal((await g.accounts.checkCredentials(identifier, password)).outcome, 'provisional_expired');
    await g.accounts.notify({ accountIds: [accountId], channel: 'sheet', reset: false }, ADMIN);
    assert.equal((await g.accounts.checkCredentials(identifier, password)).outcome, 'valid');
    g.clock.set(start);
  });

  test('credentials: the same refusal for an unknown identifier, a wrong password and a Non notifié account', async () => {
    const { identifier } = await precreateGuardian('Inès', 'Pasnotifiee');
    assert.deepEqual(await g.accounts.checkCredentials('personne.inconnue', 'ABCDEFGH'), { outcome: 'invalid' });
    assert.deepEqual(await g.accounts.checkCredentials(identifier, 'ABCDEFGH'), { outcome: 'invalid' });
  });

  test('the job queue runs a job end to end', async () => {
    await g.boss.createQueue('test-roundtrip');
    const done = new Promise<unknown>((resolve) => {
      void g.boss.work<{ n: number }>('test-roundtrip', { pollingIntervalSeconds: 0.5 }, async ([job]) => resolve(job!.data));
    });
    await g.boss.send('test-roundtrip', { n: 42 });
    assert.deepEqual(await done, { n: 42 });
  });
});
