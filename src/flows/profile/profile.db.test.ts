import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { and, desc, eq } from 'drizzle-orm';
import { accountSessions, auditEvents, emailVerifications, loginThrottles, outbox } from '../../db/schema.ts';
import { SYSTEM } from '../../audit/record.ts';
import { readProvisionalPassword } from '../../accounts/provisional.ts';
import { familyAgent } from '../../../test/helpers/family.ts';
import type { TestInstance } from '../../../test/helpers/test-instance.ts';
import { accountOf, NGUESSAN, profileInstance, signedIn, withKnownPassword } from './profile-test-kit.ts';

const html = (text: string) => text.replaceAll('&', '&amp;').replaceAll("'", '&#39;');
const has = (body: string, text: string) => body.includes(text) || body.includes(html(text));

describe('profile: Gérer mon compte (SPEC §5 Profile)', () => {
  let g: TestInstance;
  before(async () => {
    g = await profileInstance();
  });
  after(async () => {
    await g?.close();
  });

  async function auditOf(accountId: string, action: string) {
    return g.database.db.select().from(auditEvents).where(and(eq(auditEvents.accountId, accountId), eq(auditEvents.action, action)));
  }

  test('the page shows the account, the address, the mobile and both children in their two establishments', async () => {
    const { page, csrf } = await signedIn(g, NGUESSAN.identifier, NGUESSAN.password, '10.1.0.1');
    const body = page.body;
    assert.match(body, /<h1>Gérer mon compte<\/h1>/);
    assert.match(body, /<span class="identifier">a\.nguessan<\/span>/);
    assert.ok(has(body, "N'Guessan") && has(body, 'Anaïs'));
    assert.match(body, /anais\.nguessan@example\.net \(vérifiée\)/);
    assert.match(body, /0639980003/);
    for (const text of ['Zoé', 'Enzo', 'ECOLE PRIMAIRE PUBLIQUE JULES FERRY', 'COLLEGE GEORGE SAND', 'classe CM1 A', 'classe 5E2']) assert.ok(has(body, text), text);
    for (const title of ['Changer mon mot de passe', 'Changer mon adresse électronique', 'Regrouper mes comptes']) assert.ok(body.includes(title), title);
    // Every form carries the session's token.
    const forms = [...body.matchAll(/<form[^>]*method="post"[^>]*>\s*<input type="hidden" name="_csrf" value="([^"]+)"/g)];
    assert.equal(forms.length, 3);
    assert.ok(forms.every((f) => f[1] === csrf));
    assert.match(body, /id="new-password"[^>]*data-eye[^>]*data-strength/);
    assert.match(body, /8 à 14 caractères/);
    assert.match(body, /<script src="\/assets\/password-eye.js" defer><\/script>/);
    if (existsSync(new URL('../../http/assets/password-strength.js', import.meta.url))) {
      assert.match(body, /<script src="\/assets\/password-strength.js" defer><\/script>/);
    }
  });

  test('without an Activé session every page leads to the login page, and nothing changes', async () => {
    const stranger = familyAgent(g, '10.1.0.2');
    for (const url of ['/profil', '/profil/regroupement/00000000-0000-0000-0000-000000000000']) {
      const r = await stranger.get(url);
      assert.equal(r.status, 303, url);
      assert.equal(r.location, '/?retour=/profil');
    }
    const before = await accountOf(g, NGUESSAN.identifier);
    for (const url of ['/profil/mot-de-passe', '/profil/adresse', '/profil/regroupement']) {
      const r = await stranger.post(url, { currentPassword: NGUESSAN.password, newPassword: 'Autre2026x', confirmation: 'Autre2026x', email: 'x@example.org', _csrf: 'x' });
      assert.equal(r.status, 303, url);
      assert.equal(r.location, '/?retour=/profil');
    }
    assert.equal((await accountOf(g, NGUESSAN.identifier)).passwordHash, before.passwordHash);
  });

  test('a form without the session token is refused with 403 and changes nothing', async () => {
    const { agent } = await signedIn(g, NGUESSAN.identifier, NGUESSAN.password, '10.1.0.3');
    const before = await accountOf(g, NGUESSAN.identifier);
    const linksBefore = (await g.database.db.select().from(emailVerifications).where(eq(emailVerifications.accountId, before.id))).length;
    const attempts = [
      agent.post('/profil/mot-de-passe', { currentPassword: NGUESSAN.password, newPassword: 'Autre2026x', confirmation: 'Autre2026x' }),
      agent.post('/profil/mot-de-passe', { currentPassword: NGUESSAN.password, newPassword: 'Autre2026x', confirmation: 'Autre2026x', _csrf: 'faux' }),
      agent.post('/profil/adresse', { email: 'pirate@example.org', _csrf: 'faux' }),
      agent.post('/profil/regroupement', { identifier: 'h.laurent2', password: 'x', _csrf: 'faux' }),
    ];
    for (const r of await Promise.all(attempts)) {
      assert.equal(r.status, 403);
      assert.match(r.body, /Formulaire expiré/);
    }
    const after = await accountOf(g, NGUESSAN.identifier);
    assert.equal(after.passwordHash, before.passwordHash);
    assert.equal(after.email, before.email);
    assert.equal((await g.database.db.select().from(emailVerifications).where(eq(emailVerifications.accountId, before.id))).length, linksBefore);
  });

  describe('change password', () => {
    const identifier = 'r.chateau';
    const oldPassword = 'Regis2026a';
    const newPassword = 'Moulin2027b';

    test('a wrong current password is refused and counted by the login throttle of the account', async () => {
      const account = await withKnownPassword(g, identifier, oldPassword);
      const { agent, csrf } = await signedIn(g, identifier, oldPassword, '10.1.1.1');
      const r = await agent.post('/profil/mot-de-passe', { currentPassword: 'Mauvais2026', newPassword, confirmation: newPassword, _csrf: csrf });
      assert.equal(r.status, 400);
      assert.match(r.body, /Le mot de passe actuel est incorrect\./);
      assert.match(r.body, /aria-invalid="true"/);
      const [counter] = await g.database.db.select().from(loginThrottles).where(eq(loginThrottles.key, `account:${identifier}`));
      assert.equal(counter?.failures, 1);
      assert.equal((await auditOf(account.id, 'account.password_change_failed')).length, 1);
      assert.equal((await g.accounts.checkCredentials(identifier, oldPassword)).outcome, 'valid');
    });

    test('a new password against the policy lists every unmet rule in French', async () => {
      const { agent, csrf } = await signedIn(g, identifier, oldPassword, '10.1.1.2');
      const r = await agent.post('/profil/mot-de-passe', { currentPassword: oldPassword, newPassword: 'abc', confirmation: 'abd', _csrf: csrf });
      assert.equal(r.status, 400);
      assert.ok(has(r.body, 'Le mot de passe doit comporter au moins 8 caractères.'));
      assert.ok(has(r.body, 'Le mot de passe doit contenir au moins un chiffre.'));
      assert.ok(has(r.body, 'La confirmation ne correspond pas au nouveau mot de passe.'));
      assert.doesNotMatch(r.body, /Le mot de passe actuel est incorrect/);
      assert.equal((await g.accounts.checkCredentials(identifier, oldPassword)).outcome, 'valid');
    });

    test('success: the new password works, the old one not, other sessions end and this one stays', async () => {
      const account = await accountOf(g, identifier);
      const other = await signedIn(g, identifier, oldPassword, '10.1.1.3');
      const { agent, csrf } = await signedIn(g, identifier, oldPassword, '10.1.1.4');
      const r = await agent.post('/profil/mot-de-passe', { currentPassword: oldPassword, newPassword, confirmation: newPassword, _csrf: csrf });
      assert.equal(r.status, 303);
      assert.equal(r.location, '/profil?resultat=mot-de-passe');
      const page = await agent.get(r.location!);
      assert.equal(page.status, 200);
      assert.match(page.body, /Votre mot de passe a été modifié\./);
      assert.equal((await g.accounts.checkCredentials(identifier, oldPassword)).outcome, 'invalid');
      assert.equal((await g.accounts.checkCredentials(identifier, newPassword)).outcome, 'valid');
      assert.equal((await other.agent.get('/profil')).status, 303, 'the other session ended');
      const sessions = await g.database.db.select().from(accountSessions).where(eq(accountSessions.accountId, account.id));
      assert.equal(sessions.length, 1);
      assert.equal((await auditOf(account.id, 'account.password_changed')).length, 1);
      assert.equal((await g.database.db.select().from(loginThrottles).where(eq(loginThrottles.key, `account:${identifier}`))).length, 0);
    });

    test('a provisional password given by an admin during a session is replaced, and its copy deleted', async () => {
      const { agent, csrf } = await signedIn(g, identifier, newPassword, '10.1.1.5');
      const account = await accountOf(g, identifier);
      await g.accounts.resetPasswords({ accountIds: [account.id] }, SYSTEM);
      const provisional = readProvisionalPassword(g.deps, await accountOf(g, identifier));
      assert.ok(provisional);
      const r = await agent.post('/profil/mot-de-passe', { currentPassword: provisional, newPassword: 'Tilleul2028c', confirmation: 'Tilleul2028c', _csrf: csrf });
      assert.equal(r.status, 303);
      const row = await accountOf(g, identifier);
      assert.equal(row.provisionalPassword, null);
      assert.equal(row.provisionalValidFrom, null);
      assert.equal((await g.accounts.checkCredentials(identifier, 'Tilleul2028c')).outcome, 'valid');
    });

    test('after the free attempts, wrong current passwords are slowed down like logins', async () => {
      await withKnownPassword(g, 's.vasseur2', 'Vasseur2026a');
      const { agent, csrf } = await signedIn(g, 's.vasseur2', 'Vasseur2026a', '10.1.1.6');
      const wrong = { currentPassword: 'Mauvais2026', newPassword, confirmation: newPassword, _csrf: csrf };
      for (let i = 0; i < 3; i++) assert.equal((await agent.post('/profil/mot-de-passe', wrong)).status, 400);
      const slowed = await agent.post('/profil/mot-de-passe', { ...wrong, currentPassword: 'Vasseur2026a' });
      assert.equal(slowed.status, 429);
      assert.match(slowed.body, /Trop de tentatives/);
      assert.equal((await g.accounts.checkCredentials('s.vasseur2', 'Vasseur2026a')).outcome, 'valid');
    });
  });

  describe('change e-mail address', () => {
    const oldEmail = 'anais.nguessan@example.net';

    async function lastLinkTo(recipient: string): Promise<string> {
      const [row] = await g.database.db.select().from(outbox).where(eq(outbox.recipient, recipient)).orderBy(desc(outbox.createdAt)).limit(1);
      assert.ok(row, `no message to ${recipient}`);
      assert.equal(row.template, 'email-change');
      assert.equal(row.subject, 'Confirmez votre nouvelle adresse électronique');
      const link = /http:\/\/localhost:3000(\/profil\/adresse\/[A-Za-z0-9_-]+)/.exec(row.text)?.[1];
      assert.ok(link, row.text);
      assert.ok(row.html?.includes(`href="http://localhost:3000${link}"`));
      assert.match(row.text, /Si vous n'êtes pas à l'origine de cette demande/);
      return link;
    }

    test('an invalid address is refused, with the address kept in the field', async () => {
      const { agent, csrf } = await signedIn(g, NGUESSAN.identifier, NGUESSAN.password, '10.1.2.1');
      const r = await agent.post('/profil/adresse', { email: 'pas-une-adresse', _csrf: csrf });
      assert.equal(r.status, 400);
      assert.match(r.body, /Adresse électronique invalide\./);
      assert.match(r.body, /value="pas-une-adresse"/);
    });

    test('the link goes to the new address; the address changes only when it is opened, once', async () => {
      const account = await accountOf(g, NGUESSAN.identifier);
      const { agent, csrf } = await signedIn(g, NGUESSAN.identifier, NGUESSAN.password, '10.1.2.2');
      const first = await agent.post('/profil/adresse', { email: 'anais.premiere@example.org', _csrf: csrf });
      assert.equal(first.status, 303);
      assert.equal(first.location, '/profil?resultat=adresse-envoyee');
      const firstLink = await lastLinkTo('anais.premiere@example.org');
      // A second request: only the newest link works.
      assert.equal((await agent.post('/profil/adresse', { email: 'Anais.Nouvelle@Example.ORG', _csrf: csrf })).status, 303);
      const link = await lastLinkTo('Anais.Nouvelle@example.org');
      const page = await agent.get('/profil?resultat=adresse-envoyee');
      assert.match(page.body, /Un lien de confirmation vient d.être envoyé/);
      assert.match(page.body, /Nouvelle adresse Anais\.Nouvelle@example\.org \(en attente de vérification/);
      let row = await accountOf(g, NGUESSAN.identifier);
      assert.equal(row.email, oldEmail, 'unchanged until the link is opened');
      assert.equal(row.emailVerified, true);

      const stale = await agent.get(firstLink);
      assert.equal(stale.status, 410);
      assert.ok(has(stale.body, "Ce lien de confirmation n'est plus valable"));

      // Someone else's session (the address may have been mistyped): the link is not theirs to use.
      const stranger = await signedIn(g, 'r.chateau', 'Tilleul2028c', '10.1.2.3');
      assert.equal((await stranger.agent.get(link)).status, 404);
      assert.equal((await accountOf(g, NGUESSAN.identifier)).email, oldEmail);

      const opened = await agent.get(link);
      assert.equal(opened.status, 303);
      assert.equal(opened.location, '/profil?resultat=adresse-modifiee');
      row = await accountOf(g, NGUESSAN.identifier);
      assert.equal(row.email, 'Anais.Nouvelle@example.org');
      assert.equal(row.emailVerified, true);
      assert.equal(row.emailOwnedByPerson, true);
      assert.equal((await auditOf(account.id, 'account.email_changed')).length, 1);
      assert.match((await agent.get(opened.location!)).body, /Votre nouvelle adresse électronique est confirmée/);
      // The old address hears of it.
      const [notice] = await g.database.db.select().from(outbox).where(and(eq(outbox.recipient, oldEmail), eq(outbox.template, 'email-changed-notice')));
      assert.ok(notice);
      assert.match(notice.text, /a\.nguessan/);

      const again = await agent.get(link);
      assert.equal(again.status, 410);
      assert.ok(has(again.body, 'Ce lien de confirmation a déjà servi'));
    });

    test('a link opened without a session comes back to it after the login', async () => {
      const { agent, csrf } = await signedIn(g, NGUESSAN.identifier, NGUESSAN.password, '10.1.2.4');
      assert.equal((await agent.post('/profil/adresse', { email: 'anais.telephone@example.org', _csrf: csrf })).status, 303);
      const link = await lastLinkTo('anais.telephone@example.org');
      const phone = familyAgent(g, '10.1.2.5');
      const first = await phone.get(link);
      assert.equal(first.status, 303);
      assert.equal(first.location, `/?retour=${link}`);
      const login = await phone.logIn(NGUESSAN.identifier, NGUESSAN.password, link);
      assert.equal(login.location, link);
      assert.equal((await phone.get(link)).location, '/profil?resultat=adresse-modifiee');
      assert.equal((await accountOf(g, NGUESSAN.identifier)).email, 'anais.telephone@example.org');
    });

    test('an expired link is refused and changes nothing', async () => {
      const { agent, csrf } = await signedIn(g, NGUESSAN.identifier, NGUESSAN.password, '10.1.2.6');
      assert.equal((await agent.post('/profil/adresse', { email: 'anais.tardive@example.org', _csrf: csrf })).status, 303);
      const link = await lastLinkTo('anais.tardive@example.org');
      g.clock.advance(25 * 3_600_000);
      const fresh = await signedIn(g, NGUESSAN.identifier, NGUESSAN.password, '10.1.2.7');
      const r = await fresh.agent.get(link);
      assert.equal(r.status, 410);
      assert.ok(has(r.body, "Ce lien de confirmation n'est plus valable"));
      assert.equal((await accountOf(g, NGUESSAN.identifier)).email, 'anais.telephone@example.org');
      assert.equal((await fresh.agent.get('/profil/adresse/inconnu')).status, 404);
    });
  });
});
