// SPEC §4 account page (guide §5.2): the account, its menus — offered as the guide says for each state — and the
// students linked to it, here with their class, elsewhere with only UAI and name (SPEC §3 rev.).
import type { ComponentChildren } from 'preact';
import { ACCOUNT_ORIGIN_LABELS, ACCOUNT_STATE_LABELS } from '../../../domain/account-state.ts';
import type { Realm } from '../../../realms/realm.ts';
import type { StaffSession } from '../../auth/session.ts';
import { AdminLayout, CsrfField, Flash } from '../../views/admin-layout.tsx';
import type { AccountPageData, PasswordDisplay } from '../account-query.ts';
import { frenchCalendarDate, listName } from '../format.ts';
import { frenchDate } from '../../../shared/paris-time.ts';
import type { DistributionView } from '../../notify/distribution-view.ts';
import { DistributionMessages } from './distribution-messages.tsx';
import { BACK_TO_LIST, BACK_TO_LIST_HREF, MENU, PASSWORD_FOOTNOTE } from './labels.ts';
import type { Notice } from './search-page.tsx';

function Password({ password }: { password: PasswordDisplay }) {
  if (password.kind === 'provisional') return <code class="password">{password.value}</code>;
  if (password.kind === 'chosen') return <span>*****</span>;
  return null;
}

function Item({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Menus({ session, account }: { session: StaffSession; account: AccountPageData }) {
  const notified = account.state !== 'non_notifie';
  return (
    <div class="actions">
      <form method="post" action="/admin/responsables/notifier">
        <CsrfField session={session} />
        <input type="hidden" name="accountIds" value={account.id} />
        <input type="hidden" name="depuis" value="compte" />
        <fieldset>
          <legend>{MENU.notifyOne}</legend>
          {/* SPEC §4: a reset never applies to a Non notifié account, so it is not offered. */}
          {notified && (
            <p class="check">
              <input type="checkbox" id="reinitialiser" name="reinitialiser" value="1" />
              <label for="reinitialiser">{MENU.withReset}</label>
            </p>
          )}
          <button type="submit" name="canal" value="sheet">
            {MENU.bySheet}
          </button>{' '}
          <button type="submit" name="canal" value="email">
            {MENU.byEmail}
          </button>
        </fieldset>
      </form>
      {notified && (
        <form method="post" action="/admin/responsables/reinitialiser">
          <CsrfField session={session} />
          <input type="hidden" name="accountIds" value={account.id} />
          <input type="hidden" name="depuis" value="compte" />
          <fieldset>
            <legend>{MENU.modifyOne}</legend>
            <button type="submit">{MENU.resetOne}</button>{' '}
            {account.state === 'en_cours' && (
              <a class="button" href={`/admin/responsables/compte/${account.id}/activation`}>
                {MENU.resend}
              </a>
            )}
          </fieldset>
        </form>
      )}
    </div>
  );
}

export interface AccountPageProps {
  realm: Realm;
  session: StaffSession;
  account: AccountPageData;
  notices: Notice[];
  distribution: DistributionView | null;
}

export function AccountPage({ realm, session, account, notices, distribution }: AccountPageProps) {
  return (
    <AdminLayout realm={realm} title="Informations du compte" session={session} tab="responsables">
      <p>
        <a href={BACK_TO_LIST_HREF}>{BACK_TO_LIST}</a>
      </p>
      <h1>Informations du compte</h1>
      {distribution && <DistributionMessages view={distribution} single={true} realmName={realm.displayName} />}
      {notices.map((n) => (
        <Flash kind={n.kind}>{n.text}</Flash>
      ))}
      {account.guardian && (
        <p>
          Responsable : <strong>{listName(account.guardian)}</strong>
        </p>
      )}
      <dl class="account">
        <Item label="Identifiant">
          <span class="identifier">{account.identifier}</span>
        </Item>
        <Item label="Origine du compte">{ACCOUNT_ORIGIN_LABELS[account.origin]}</Item>
        <Item label="Mot de passe *">
          <Password password={account.password} />
        </Item>
        <Item label="État du compte">{ACCOUNT_STATE_LABELS[account.state]}</Item>
        <Item label="Courrier électronique">{account.email ?? 'Non renseigné'}</Item>
        <Item label="Date de distribution">{frenchDate(account.distributedAt) || 'Non renseignée'}</Item>
        <Item label="Téléphone Mobile">{account.mobile ?? 'Non renseigné'}</Item>
        <Item label="Date de dernière connexion">{frenchDate(account.lastLoginAt) || 'Non renseignée'}</Item>
      </dl>
      <p>
        <small>{PASSWORD_FOOTNOTE}</small>
      </p>
      <Menus session={session} account={account} />
      <h2>Élèves rattachés au compte</h2>
      <h3>Inscrits dans l'établissement</h3>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">Prénom</th>
            <th scope="col">Nom</th>
            <th scope="col">Date de naissance</th>
            <th scope="col">Classe</th>
          </tr>
        </thead>
        <tbody>
          {account.here.map((s) => (
            <tr>
              <td>{s.firstName}</td>
              <td>{s.lastName.toLocaleUpperCase('fr-FR')}</td>
              <td>{frenchCalendarDate(s.birthDate)}</td>
              <td>{s.classLabel ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {account.elsewhere.length > 0 && (
        <>
          <h3>Inscrits dans un autre établissement</h3>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">Prénom</th>
                <th scope="col">Nom</th>
                <th scope="col">Date de naissance</th>
                <th scope="col">Établissement</th>
              </tr>
            </thead>
            <tbody>
              {account.elsewhere.map((s) => (
                <tr>
                  <td>{s.firstName}</td>
                  <td>{s.lastName.toLocaleUpperCase('fr-FR')}</td>
                  <td>{frenchCalendarDate(s.birthDate)}</td>
                  <td>{`${s.uai} - ${s.establishmentName}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </AdminLayout>
  );
}
