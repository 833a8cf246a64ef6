// SPEC §5 FranceConnect, the pages of the first connection (guide §1.3.5): mobile, SMS code, children's birth
// dates; and the page of a refusal, with the way back to the login page.
import type { Realm } from '../../realms/realm.ts';
import type { ReferencedChild } from '../sms-registration/references.ts';
import { CsrfField, ErrorSummary, NoticeBox, SelfServicePage, StepCounter, TextField, type Notice } from '../sms-registration/views/form-parts.tsx';
import { pairingPath } from './franceconnect-flow.ts';

const STEPS = 3;

interface StepProps {
  realm: Realm;
  flowId: string;
  csrf: string;
  notice?: Notice;
}

/** Back to the login page, keeping where the person was going (an OIDC interaction…). */
export function loginHref(returnTo: string | null | undefined): string {
  return returnTo ? `/?retour=${encodeURIComponent(returnTo)}` : '/';
}

export function MobilePage({ realm, flowId, csrf, notice, firstName, value, error }: StepProps & { firstName: string; value: string; error?: string }) {
  return (
    <SelfServicePage realm={realm} title="Relier FranceConnect à votre compte" hasErrors={Boolean(error)}>
      <StepCounter step={1} of={STEPS} />
      <h1>Relier FranceConnect à votre compte</h1>
      <NoticeBox notice={notice} />
      <ErrorSummary items={[{ field: 'mobile', messages: error ? [error] : [] }]} />
      <p>
        {`Bonjour ${firstName}, FranceConnect a confirmé votre identité. Pour retrouver votre compte, saisissez le numéro de téléphone portable que vous avez donné à l'établissement de votre enfant (fiche de renseignements de début d'année). Un code vous sera envoyé par SMS.`}
      </p>
      <form class="card" method="post" action={pairingPath(flowId, 'mobile')} novalidate>
        <CsrfField token={csrf} />
        <TextField
          id="mobile"
          label="Téléphone portable"
          hint="Par exemple 06 12 34 56 78"
          type="tel"
          inputMode="tel"
          autocomplete="tel"
          maxLength={30}
          value={value}
          error={error}
          autofocus={Boolean(error)}
        />
        <button type="submit">Recevoir un code par SMS</button>
      </form>
      <p>
        <a href="/">Retour à la page de connexion</a>
      </p>
    </SelfServicePage>
  );
}

export function CodePage({ realm, flowId, csrf, notice, error }: StepProps & { error?: string }) {
  return (
    <SelfServicePage realm={realm} title="Saisir le code reçu par SMS" hasErrors={Boolean(error)}>
      <StepCounter step={2} of={STEPS} />
      <h1>Saisir le code reçu par SMS</h1>
      <NoticeBox notice={notice} />
      <ErrorSummary items={[{ field: 'code', messages: error ? [error] : [] }]} />
      <form class="card" method="post" action={pairingPath(flowId, 'code')} novalidate>
        <CsrfField token={csrf} />
        <TextField id="code" label="Code reçu par SMS" hint="6 chiffres" inputMode="numeric" autocomplete="one-time-code" maxLength={12} error={error} autofocus={Boolean(error)} />
        <button type="submit">Valider le code</button>
      </form>
      <form method="post" action={pairingPath(flowId, 'nouveau-code')}>
        <CsrfField token={csrf} />
        <p>
          Vous n'avez rien reçu après quelques minutes ? <button type="submit">Recevoir un nouveau code</button>
        </p>
      </form>
    </SelfServicePage>
  );
}

export function ChildrenPage({
  realm,
  flowId,
  csrf,
  notice,
  children,
  confirmed,
  values,
  errors,
}: StepProps & { children: ReferencedChild[]; confirmed: ReadonlySet<number>; values: Record<number, string>; errors: Record<number, string> }) {
  const firstNames = children.map((c) => c.firstName);
  const label = (c: ReferencedChild) => (firstNames.filter((n) => n === c.firstName).length > 1 ? `${c.firstName} ${c.lastName}` : c.firstName);
  const first = children.find((c) => errors[c.studentId]);
  return (
    <SelfServicePage realm={realm} title="Confirmer vos enfants" hasErrors={Boolean(first)}>
      <StepCounter step={3} of={STEPS} />
      <h1>Confirmer vos enfants</h1>
      <NoticeBox notice={notice} />
      <ErrorSummary items={children.map((c) => ({ field: `naissance-${c.studentId}`, messages: errors[c.studentId] ? [`${label(c)} : ${errors[c.studentId]}`] : [] }))} />
      <p>
        Pour rattacher un enfant à votre compte, saisissez sa date de naissance. Laissez vide la date d'un enfant que vous ne souhaitez pas rattacher.
        Ensuite, vous pourrez vous connecter à vos services en ligne avec FranceConnect.
      </p>
      <form class="card" method="post" action={pairingPath(flowId, 'enfants')} novalidate>
        <CsrfField token={csrf} />
        {children.map((c) =>
          confirmed.has(c.studentId) ? (
            <p class="field">
              <strong>{label(c)}</strong> : date de naissance confirmée.
            </p>
          ) : (
            <TextField
              id={`naissance-${c.studentId}`}
              label={`Date de naissance de ${label(c)}`}
              hint="Au format JJ/MM/AAAA, par exemple 14/03/2012"
              inputMode="numeric"
              autocomplete="off"
              maxLength={10}
              value={values[c.studentId]}
              error={errors[c.studentId]}
              autofocus={first === c}
            />
          ),
        )}
        <button type="submit">Continuer</button>
      </form>
    </SelfServicePage>
  );
}

/** A refusal (FranceConnect's or ours), in French, with the ways back. */
export function RefusalPage({ realm, title, text, returnTo }: { realm: Realm; title: string; text: string; returnTo?: string | null }) {
  return (
    <SelfServicePage realm={realm} title={title}>
      <h1>{title}</h1>
      <p class="notice notice-error" role="alert">
        {text}
      </p>
      <ul class="login-links">
        <li>
          <a href={loginHref(returnTo)}>Retour à la page de connexion</a>
        </li>
        <li>
          <a href="/aide">Besoin d'aide ?</a>
        </li>
      </ul>
    </SelfServicePage>
  );
}
