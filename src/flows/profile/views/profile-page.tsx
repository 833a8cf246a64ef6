// SPEC §5 Profile, "Gérer mon compte" (guide §1.2): who the account is, its children, and the three forms —
// password, e-mail address, and (guardians only) merging another account. Every form carries the session's CSRF
// token and works without JavaScript; the eye and the strength bar are progressive enhancements.
import type { Realm } from '../../../realms/realm.ts';
import { Layout } from '../../../http/views/layout.tsx';
import type { ChangePasswordErrors } from '../change-password.ts';
import type { ProfileView } from '../profile-query.ts';
import { fieldClass, FieldErrors, Notice, type NoticeProps } from './parts.tsx';

export interface ProfilePageProps {
  realm: Realm;
  profile: ProfileView;
  csrf: string;
  /** The realm's password rule for this account, in French. */
  passwordRule: string;
  /** Which shared assets exist: the strength bar's script and the flows' stylesheet (field errors, strength bar). */
  assets: { strengthScript: boolean; flowsStylesheet: boolean };
  notice?: NoticeProps;
  errors?: { password?: ChangePasswordErrors; email?: string; merge?: string };
  values?: { email?: string; mergeIdentifier?: string };
  /** Where the realm offers FranceConnect (issue 9): whether it is linked, and whether a password remains to log in with. */
  franceConnect?: { linked: boolean; hasPassword: boolean };
}

export function ProfilePage({ realm, profile, csrf, passwordRule, assets, notice, errors = {}, values = {}, franceConnect }: ProfilePageProps) {
  const pw = errors.password ?? {};
  const guardian = profile.kind === 'guardian';
  return (
    <Layout realm={realm} title="Gérer mon compte">
      {assets.flowsStylesheet && <link rel="stylesheet" href="/assets/flows.css" />}
      <h1>Gérer mon compte</h1>
      {notice && <Notice {...notice} />}
      <p>
        <a href="/portail">Retour à mes services en ligne</a>
      </p>

      <section aria-labelledby="account-title">
        <h2 id="account-title">Mon compte</h2>
        <dl class="profile-details">
          <dt>Identifiant</dt>
          <dd>
            <span class="identifier">{profile.identifier}</span>
          </dd>
          <dt>Nom</dt>
          <dd>{profile.lastName}</dd>
          <dt>Prénom</dt>
          <dd>{profile.firstName}</dd>
          <dt>Adresse électronique</dt>
          <dd>
            {profile.email ? (
              <>
                {profile.email} ({profile.emailVerified ? 'vérifiée' : 'en attente de vérification'})
              </>
            ) : (
              'Non renseignée'
            )}
            {profile.pendingEmail && (
              <>
                <br />
                Nouvelle adresse {profile.pendingEmail} (en attente de vérification : ouvrez le lien qui lui a été envoyé)
              </>
            )}
          </dd>
          <dt>Téléphone mobile</dt>
          <dd>
            {profile.mobile ?? 'Non renseigné'}
            <br />
            <span class="hint">Communiqué par l'établissement : pour le modifier, adressez-vous à lui.</span>
          </dd>
          {profile.schooling && (
            <>
              <dt>Établissement</dt>
              <dd>
                {profile.schooling.establishment}
                {profile.schooling.classLabel ? `, classe ${profile.schooling.classLabel}` : ''}
              </dd>
            </>
          )}
        </dl>
      </section>

      {guardian && franceConnect && (
        <section aria-labelledby="franceconnect-title">
          <h2 id="franceconnect-title">FranceConnect</h2>
          <p>FranceConnect : {franceConnect.linked ? 'lié' : 'non lié'}</p>
          {franceConnect.linked && franceConnect.hasPassword && (
            <form method="post" action="/profil/franceconnect/delier">
              <input type="hidden" name="_csrf" value={csrf} />
              <p>Vous pourrez toujours vous connecter avec votre identifiant et votre mot de passe.</p>
              <button type="submit">Délier FranceConnect</button>
            </form>
          )}
          {franceConnect.linked && !franceConnect.hasPassword && (
            <p>
              Votre compte n'a pas encore de mot de passe : pour pouvoir délier FranceConnect, choisissez d'abord un mot de passe avec « Mot de
              passe perdu » sur la page de connexion. Sans cela, vous ne pourriez plus vous connecter.
            </p>
          )}
          {!franceConnect.linked && <p>Pour lier FranceConnect à ce compte, utilisez le bouton « S'identifier avec FranceConnect » de la page de connexion.</p>}
        </section>
      )}

      {guardian && (
        <section aria-labelledby="children-title">
          <h2 id="children-title">Mes enfants rattachés à ce compte</h2>
          {profile.children.length === 0 ? (
            <p>Aucun enfant n'est rattaché à ce compte.</p>
          ) : (
            <ul class="profile-children">
              {profile.children.map((c) => (
                <li>
                  <strong>
                    {c.firstName} {c.lastName}
                  </strong>
                  <br />
                  {c.establishment}
                  {c.classLabel ? ` – classe ${c.classLabel}` : ''}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section aria-labelledby="password-title">
        <h2 id="password-title">Changer mon mot de passe</h2>
        <form class="card" method="post" action="/profil/mot-de-passe" novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          {(pw.current || pw.newPassword || pw.confirmation) && (
            <p class="notice notice-error" role="alert">
              Votre mot de passe n'a pas été modifié : corrigez les erreurs indiquées.
            </p>
          )}
          <div class={fieldClass(Boolean(pw.current))}>
            <label for="current-password">Mot de passe actuel</label>
            <FieldErrors id="current-password-error" errors={pw.current ? [pw.current] : []} />
            <div class="input-wrap">
              <input
                id="current-password"
                name="currentPassword"
                type="password"
                autocomplete="current-password"
                required
                data-eye
                aria-invalid={pw.current ? 'true' : undefined}
                aria-describedby={pw.current ? 'current-password-error' : undefined}
              />
            </div>
          </div>
          <div class={fieldClass(Boolean(pw.newPassword))}>
            <label for="new-password">Nouveau mot de passe</label>
            <p class="hint" id="new-password-rule">
              {passwordRule}
            </p>
            <FieldErrors id="new-password-error" errors={pw.newPassword ?? []} />
            <div class="input-wrap">
              <input
                id="new-password"
                name="newPassword"
                type="password"
                autocomplete="new-password"
                required
                data-eye
                data-strength
                aria-invalid={pw.newPassword ? 'true' : undefined}
                aria-describedby={pw.newPassword ? 'new-password-rule new-password-error' : 'new-password-rule'}
              />
            </div>
          </div>
          <div class={fieldClass(Boolean(pw.confirmation))}>
            <label for="confirm-password">Confirmation du nouveau mot de passe</label>
            <FieldErrors id="confirm-password-error" errors={pw.confirmation ? [pw.confirmation] : []} />
            <div class="input-wrap">
              <input
                id="confirm-password"
                name="confirmation"
                type="password"
                autocomplete="new-password"
                required
                data-eye
                aria-invalid={pw.confirmation ? 'true' : undefined}
                aria-describedby={pw.confirmation ? 'confirm-password-error' : undefined}
              />
            </div>
          </div>
          <p class="hint">Vos autres sessions ouvertes seront fermées ; celle-ci reste ouverte.</p>
          <button type="submit">Changer mon mot de passe</button>
        </form>
      </section>

      <section aria-labelledby="email-title">
        <h2 id="email-title">Changer mon adresse électronique</h2>
        <form class="card" method="post" action="/profil/adresse" novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          {errors.email && (
            <p class="notice notice-error" role="alert">
              Aucun lien n'a été envoyé : corrigez l'adresse indiquée.
            </p>
          )}
          <div class={fieldClass(Boolean(errors.email))}>
            <label for="new-email">Nouvelle adresse électronique</label>
            <p class="hint" id="new-email-hint">
              Un lien de confirmation, valable 24 heures, sera envoyé à cette adresse. Votre adresse actuelle reste celle du compte
              tant que vous n'avez pas ouvert ce lien.
            </p>
            <FieldErrors id="new-email-error" errors={errors.email ? [errors.email] : []} />
            <input
              id="new-email"
              name="email"
              type="email"
              autocomplete="email"
              spellcheck={false}
              required
              value={values.email ?? ''}
              aria-invalid={errors.email ? 'true' : undefined}
              aria-describedby={errors.email ? 'new-email-hint new-email-error' : 'new-email-hint'}
            />
          </div>
          <button type="submit">Recevoir le lien de confirmation</button>
        </form>
      </section>

      {guardian && (
        <section aria-labelledby="merge-title">
          <h2 id="merge-title">Regrouper mes comptes</h2>
          <p>
            Si vous avez reçu plusieurs identifiants (par exemple un par école ou établissement de vos enfants), vous pouvez
            regrouper vos enfants sur ce compte. Saisissez l'identifiant et le mot de passe de votre autre compte : après votre
            confirmation, ses enfants seront rattachés à ce compte et l'autre compte sera supprimé.
          </p>
          <form class="card" method="post" action="/profil/regroupement" novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            {errors.merge && (
              <p class="notice notice-error" role="alert">
                Vos comptes n'ont pas été regroupés.
              </p>
            )}
            <div class={fieldClass(Boolean(errors.merge))}>
              <label for="merge-identifier">Identifiant de l'autre compte</label>
              <FieldErrors id="merge-error" errors={errors.merge ? [errors.merge] : []} />
              <input
                id="merge-identifier"
                name="identifier"
                type="text"
                autocomplete="off"
                autocapitalize="none"
                spellcheck={false}
                required
                value={values.mergeIdentifier ?? ''}
                aria-invalid={errors.merge ? 'true' : undefined}
                aria-describedby={errors.merge ? 'merge-error' : undefined}
              />
            </div>
            <div class="field">
              <label for="merge-password">Mot de passe de l'autre compte</label>
              <div class="input-wrap">
                <input id="merge-password" name="password" type="password" autocomplete="off" required data-eye />
              </div>
            </div>
            <button type="submit">Vérifier cet autre compte</button>
          </form>
        </section>
      )}
      <script src="/assets/password-eye.js" defer></script>
      {assets.strengthScript && <script src="/assets/password-strength.js" defer></script>}
    </Layout>
  );
}
