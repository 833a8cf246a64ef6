// SPEC §5 Recovery pages: "Identifiant perdu" and "Mot de passe perdu" (e-mail link or SMS code, then a new
// password). Every answer is worded so that it holds whether or not the account exists.
import type { Realm } from '../../../realms/realm.ts';
import { CsrfField, ErrorSummary, NewPasswordFields, NoticeBox, SelfServicePage, TextField, type NewPasswordErrors, type Notice } from '../../sms-registration/views/form-parts.tsx';
import { RECOVERY_MESSAGES as M } from '../messages.ts';
import { identifierPath, passwordPath, PASSWORD_PATH, IDENTIFIER_PATH, type RecoveryChannel } from '../recovery-flow.ts';

interface PageProps {
  realm: Realm;
  flowId: string;
  csrf: string;
  notice?: Notice;
}

function NotActivatedHint() {
  return <p class="hint">{M.notActivated}</p>;
}

export function IdentifierRequestPage({ realm, flowId, csrf, notice, value, error }: PageProps & { value: string; error?: string }) {
  return (
    <SelfServicePage realm={realm} title="Identifiant perdu" hasErrors={Boolean(error)}>
      <h1>Identifiant perdu</h1>
      <NoticeBox notice={notice} />
      <ErrorSummary items={[{ field: 'email', messages: error ? [error] : [] }]} />
      <p>Saisissez l'adresse électronique associée à votre compte : nous vous enverrons votre identifiant par courriel.</p>
      <form class="card" method="post" action={identifierPath(flowId)} novalidate>
        <CsrfField token={csrf} />
        <TextField id="email" label="Adresse électronique" hint="Par exemple nom@exemple.fr" type="email" inputMode="email" autocomplete="email" maxLength={254} value={value} error={error} autofocus={Boolean(error)} />
        <button type="submit">Recevoir mon identifiant</button>
      </form>
      <NotActivatedHint />
      <p>
        <a href="/">Retour à la page de connexion</a>
      </p>
    </SelfServicePage>
  );
}

export function AnsweredPage({ realm, title, text, again }: { realm: Realm; title: string; text: string; again: string }) {
  return (
    <SelfServicePage realm={realm} title={title}>
      <h1>{title}</h1>
      <p class="notice notice-success" role="status">
        {text}
      </p>
      <NotActivatedHint />
      <p>
        <a href="/">Retour à la page de connexion</a> · <a href={again}>Faire une nouvelle demande</a>
      </p>
    </SelfServicePage>
  );
}

export function PasswordIdentifierPage({ realm, flowId, csrf, notice, value, error }: PageProps & { value: string; error?: string }) {
  return (
    <SelfServicePage realm={realm} title="Mot de passe perdu" hasErrors={Boolean(error)}>
      <h1>Mot de passe perdu</h1>
      <NoticeBox notice={notice} />
      <ErrorSummary items={[{ field: 'identifier', messages: error ? [error] : [] }]} />
      <form class="card" method="post" action={passwordPath(flowId, 'identifiant')} novalidate>
        <CsrfField token={csrf} />
        <TextField id="identifier" label="Identifiant" hint="Par exemple p.nom" autocomplete="username" maxLength={254} value={value} error={error} autofocus={Boolean(error)} />
        <button type="submit">Continuer</button>
      </form>
      <p>
        <a href={IDENTIFIER_PATH}>Identifiant perdu ?</a>
      </p>
      <NotActivatedHint />
    </SelfServicePage>
  );
}

export function ChannelPage({ realm, flowId, csrf, notice, channels, error }: PageProps & { channels: RecoveryChannel[]; error?: string }) {
  const labels: Record<RecoveryChannel, { label: string; hint: string }> = {
    email: { label: 'Par courriel', hint: "Un lien valable 1 heure, envoyé à l'adresse électronique confirmée du compte." },
    sms: { label: 'Par SMS', hint: 'Un code valable 10 minutes, envoyé au téléphone portable du compte.' },
  };
  return (
    <SelfServicePage realm={realm} title="Mot de passe perdu" hasErrors={Boolean(error)}>
      <h1>Mot de passe perdu</h1>
      <NoticeBox notice={notice} />
      <ErrorSummary items={[{ field: `channel-${channels[0]}`, messages: error ? [error] : [] }]} />
      <form class="card" method="post" action={passwordPath(flowId, 'moyen')} novalidate>
        <CsrfField token={csrf} />
        <fieldset aria-describedby={error ? 'channel-errors' : undefined}>
          <legend>Comment souhaitez-vous recevoir de quoi choisir un nouveau mot de passe ?</legend>
          {error && (
            <ul id="channel-errors" class="field-errors">
              <li>{error}</li>
            </ul>
          )}
          {channels.map((c, i) => (
            <div class="field">
              <input type="radio" id={`channel-${c}`} name="channel" value={c} checked={channels.length === 1} aria-describedby={`channel-${c}-hint`} autofocus={Boolean(error) && i === 0 ? true : undefined} />{' '}
              <label for={`channel-${c}`}>{labels[c].label}</label>
              <p id={`channel-${c}-hint`} class="hint">
                {labels[c].hint}
              </p>
            </div>
          ))}
        </fieldset>
        <button type="submit">Envoyer</button>
      </form>
      <p class="hint">Nous n'utilisons que l'adresse et le numéro déjà associés au compte.</p>
    </SelfServicePage>
  );
}

export function RecoveryCodePage({ realm, flowId, csrf, notice, error }: PageProps & { error?: string }) {
  return (
    <SelfServicePage realm={realm} title="Saisir le code reçu par SMS" hasErrors={Boolean(error)}>
      <h1>Saisir le code reçu par SMS</h1>
      <NoticeBox notice={notice ?? { kind: 'info', text: M.codeSent }} />
      <ErrorSummary items={[{ field: 'code', messages: error ? [error] : [] }]} />
      <form class="card" method="post" action={passwordPath(flowId, 'code')} novalidate>
        <CsrfField token={csrf} />
        <TextField id="code" label="Code reçu par SMS" hint="6 chiffres" inputMode="numeric" autocomplete="one-time-code" maxLength={12} error={error} autofocus={Boolean(error)} />
        <button type="submit">Valider le code</button>
      </form>
      <form method="post" action={passwordPath(flowId, 'nouveau-code')}>
        <CsrfField token={csrf} />
        <p>
          Vous n'avez rien reçu après quelques minutes ? <button type="submit">Recevoir un nouveau code</button>
        </p>
      </form>
      <NotActivatedHint />
      <p>
        <a href={PASSWORD_PATH}>Recommencer</a>
      </p>
    </SelfServicePage>
  );
}

export function NewPasswordPage({ realm, flowId, csrf, rule, token, errors }: PageProps & { rule: string; token?: string; errors: NewPasswordErrors }) {
  const hasErrors = Boolean(errors.password?.length || errors.confirmation?.length);
  return (
    <SelfServicePage realm={realm} title="Choisir un nouveau mot de passe" hasErrors={hasErrors} passwordScripts>
      <h1>Choisir un nouveau mot de passe</h1>
      <ErrorSummary
        items={[
          { field: 'password', messages: errors.password ?? [] },
          { field: 'confirmation', messages: errors.confirmation ?? [] },
        ]}
      />
      <form class="card" method="post" action={passwordPath(flowId, 'nouveau-mot-de-passe')} novalidate>
        <CsrfField token={csrf} />
        {token && <input type="hidden" name="jeton" value={token} />}
        <NewPasswordFields rule={rule} errors={errors} />
        <button type="submit">Enregistrer le mot de passe</button>
      </form>
    </SelfServicePage>
  );
}

export function PasswordChangedPage({ realm }: { realm: Realm }) {
  return (
    <SelfServicePage realm={realm} title={M.passwordChanged}>
      <h1>{M.passwordChanged}</h1>
      <p>Connectez-vous avec votre identifiant et votre nouveau mot de passe. Par sécurité, les sessions ouvertes avec l'ancien mot de passe ont été fermées.</p>
      <p>
        <a href="/">Se connecter</a>
      </p>
    </SelfServicePage>
  );
}
