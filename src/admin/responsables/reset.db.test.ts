// SPEC §4 Réinitialiser le(s) mot(s) de passe — guide §5.5: confirmation, new provisional password shown at
// once, the old one refused at once, the guide's results and the warning for Non notifié accounts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestInstance } from '../../../test/helpers/test-instance.ts';
import type { AdminAgent } from '../../../test/helpers/admin.ts';
import { accountOf, adminOf, demoInstance, ECOLE, textOf, validate } from './test-kit.ts';

const VALIDATE = '/admin/responsables/reinitialiser/valider';

describe('Responsables: reset passwords', () => {
  let g: TestInstance;
  let directeur: AdminAgent;
  let csrf: string;
  before(async () => {
    g = await demoInstance();
    directeur = await adminOf(g, 'directeur.demo', ECOLE);
    csrf = await directeur.csrf();
  });
  after(async () => {
    await g?.close();
  });

  test('single: confirmation, then the new provisional password on the account page; the old one is refused', async () => {
    const account = await accountOf(g, 'a.nguessan');
    assert.equal((await g.accounts.checkCredentials('a.nguessan', 'Parent2026x')).outcome, 'valid');
    const confirmation = await directeur.post('/admin/responsables/reinitialiser', { accountIds: account.id, depuis: 'compte', _csrf: csrf });
    assert.equal(confirmation.status, 200);
    assert.ok(textOf(confirmation.body).includes('Êtes-vous sûr de vouloir réinitialiser le mot de passe du compte ?'));
    assert.equal((await g.accounts.checkCredentials('a.nguessan', 'Parent2026x')).outcome, 'valid', 'nothing before Valider');
    const done = await validate(directeur, confirmation.body, VALIDATE);
    assert.equal(done.status, 303);
    assert.equal(done.headers.location, `/admin/responsables/compte/${account.id}?reinitialise=1`);
    const page = await directeur.get(String(done.headers.location));
    assert.ok(textOf(page.body).includes('Le mot de passe a bien été réinitialisé.'));
    const shown = /<code class="password">([A-Z0-9]{8})<\/code>/.exec(page.body)?.[1];
    assert.ok(shown, 'the new provisional password shows at once');
    assert.equal((await g.accounts.checkCredentials('a.nguessan', 'Parent2026x')).outcome, 'invalid');
    const check = await g.accounts.checkCredentials('a.nguessan', shown);
    assert.ok(check.outcome === 'valid' && check.provisional);
    assert.equal((await accountOf(g, 'a.nguessan')).state, 'active', 'state unchanged');
    // A refresh of the result page resets nothing more.
    await directeur.get(String(done.headers.location));
    assert.equal((await g.accounts.checkCredentials('a.nguessan', shown)).outcome, 'valid');
  });

  test('bulk: Non notifié accounts are not reset and the guide\'s warning shows; back on the list', async () => {
    const fontanel = await accountOf(g, 'b.fontanel');
    const dacosta = await accountOf(g, 'h.dacostalopes');
    const confirmation = await directeur.post('/admin/responsables/reinitialiser', { accountIds: [fontanel.id, dacosta.id], depuis: 'liste', _csrf: csrf });
    const question = textOf(confirmation.body);
    assert.ok(question.includes('Êtes-vous sûr de vouloir réinitialiser le(s) compte(s) ?'));
    assert.ok(question.includes('2 compte(s) sélectionné(s).'));
    const done = await validate(directeur, confirmation.body, VALIDATE);
    assert.match(String(done.headers.location), /^\/admin\/responsables\?retour=1&reinitialises=1&nonNotifies=1&refuses=0$/);
    const list = textOf((await directeur.get(String(done.headers.location))).body);
    assert.ok(list.includes('Le mot de passe a bien été réinitialisé pour les responsable(s) sélectionné(s).'));
    assert.ok(list.includes("Avertissement : les mots de passe des comptes qui n'étaient pas encore notifiés n'ont pas été mis à jour."));
    assert.equal((await g.accounts.checkCredentials('b.fontanel', 'BUNZ57DM')).outcome, 'invalid');
    const after = await accountOf(g, 'h.dacostalopes');
    assert.equal(after.provisionalPassword, null);
    assert.equal(after.state, 'non_notifie');
  });

  test('an empty selection changes nothing; without the form token, nothing either', async () => {
    const empty = await directeur.post('/admin/responsables/reinitialiser', { depuis: 'liste', _csrf: csrf });
    assert.equal(empty.headers.location, '/admin/responsables?retour=1&selection=vide');
    const fontanel = await accountOf(g, 'b.fontanel');
    for (const url of ['/admin/responsables/reinitialiser', VALIDATE]) {
      assert.equal((await directeur.post(url, { accountIds: fontanel.id, depuis: 'liste' })).status, 403);
    }
    assert.deepEqual(await accountOf(g, 'b.fontanel'), fontanel);
  });
});
