// SPEC §5 self-registration by SMS, one page per step (guide §1.3.4): identity, code, children, password, done.
import type { Realm } from '../../../realms/realm.ts';
import type { ReferencedChild } from '../references.ts';
import { registrationPath, REGISTRATION_PATH } from '../registration-flow.ts';
import { CsrfField, ErrorSummary, NewPasswordFields, NoticeBox, SelfServicePage, StepCounter, TextField, type NewPasswordErrors, type Notice } from './form-parts.tsx';

const STEPS = 4;
const TITLE = 'Créer mon compte';

interface StepProps {
  realm: Realm;
  flowId: string;
  csrf: string;
  notice?: Notice;
}

export interface IdentityValues {
  lastName: string;
  firstName: string;
  mobile: string;
}

export function IdentityPage({ realm, flowId, csrf, notice, values, errors }: StepProps & { values: IdentityValues; errors: Partial<Record<keyof IdentityValues, string>> }) {
  const fields = [
    { id: 'lastName', label: 'Nom', autocomplete: 'family-name' },
    { id: 'firstName', label: 'Prénom', autocomplete: 'given-name' },
  ] as const;
  const first = (['lastName', 'firstName', 'mobile'] as const).find((f) => errors[f]);
  return (
    <SelfServicePage realm={realm} title={TITLE} hasErrors={Boolean(first)}>
      <StepCounter step={1} of={STEPS} />
      <h1>{TITLE}</h1>
      <NoticeBox notice={notice} />
      <ErrorSummary items={(['lastName', 'firstName', 'mobile'] as const).map((f) => ({ field: f, messages: errors[f] ? [errors[f]!] : [] }))} />
      <p>
        Saisissez vos nom, prénom et numéro de téléphone portable tels que vous les avez donnés à l'établissement de votre enfant (fiche de
        renseignements de début d'année). Un code vous sera envoyé par SMS.
      </p>
      <form class="card" method="post" action={registrationPath(flowId, 'identite')} novalidate>
        <CsrfField token={csrf} />
        {fields.map((f) => (
          <TextField id={f.id} label={f.label} value={values[f.id]} error={errors[f.id]} autofocus={first === f.id} autocomplete={f.autocomplete} />
        ))}
        <TextField
          id="mobile"
          label="Téléphone portable"
          hint="Par exemple 06 12 34 56 78"
          type="tel"
          inputMode="tel"
          autocomplete="tel"
          maxLength={30}
          value={values.mobile}
          error={errors.mobile}
          autofocus={first === 'mobile'}
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
      <form class="card" method="post" action={registrationPath(flowId, 'code')} novalidate>
        <CsrfField token={csrf} />
        <TextField id="code" label="Code reçu par SMS" hint="6 chiffres" inputMode="numeric" autocomplete="one-time-code" maxLength={12} error={error} autofocus={Boolean(error)} />
        <button type="submit">Valider le code</button>
      </form>
      <form method="post" action={registrationPath(flowId, 'nouveau-code')}>
        <CsrfField token={csrf} />
        <p>
          Vous n'avez rien reçu après quelques minutes ? <button type="submit">Recevoir un nouveau code</button>
        </p>
      </form>
      <p>
        <a href={REGISTRATION_PATH}>Modifier mon nom ou mon numéro (recommencer)</a>
      </p>
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
      <p>Pour rattacher un enfant à votre compte, saisissez sa date de naissance. Laissez vide la date d'un enfant que vous ne souhaitez pas rattacher.</p>
      <form class="card" method="post" action={registrationPath(flowId, 'enfants')} novalidate>
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

export function PasswordPage({ realm, flowId, csrf, notice, rule, attached, errors }: StepProps & { rule: string; attached: ReferencedChild[]; errors: NewPasswordErrors }) {
  const hasErrors = Boolean(errors.password?.length || errors.confirmation?.length);
  return (
    <SelfServicePage realm={realm} title="Choisir votre mot de passe" hasErrors={hasErrors} passwordScripts>
      <StepCounter step={4} of={STEPS} />
      <h1>Choisir votre mot de passe</h1>
      <NoticeBox notice={notice} />
      <ErrorSummary
        items={[
          { field: 'password', messages: errors.password ?? [] },
          { field: 'confirmation', messages: errors.confirmation ?? [] },
        ]}
      />
      <p>Enfant(s) rattaché(s) à votre compte :</p>
      <ul>
        {attached.map((c) => (
          <li>{`${c.firstName} ${c.lastName}`}</li>
        ))}
      </ul>
      <form class="card" method="post" action={registrationPath(flowId, 'mot-de-passe')} novalidate>
        <CsrfField token={csrf} />
        <NewPasswordFields rule={rule} errors={errors} />
        <button type="submit">Créer mon compte</button>
      </form>
    </SelfServicePage>
  );
}

/** SPEC §5 rev.: the last screen shows the identifier to keep, and the way in. */
export function DonePage({ realm, flowId, csrf, identifier, attached }: StepProps & { identifier: string; attached: ReferencedChild[] }) {
  return (
    <SelfServicePage realm={realm} title="Votre compte est activé">
      <h1>Votre compte est activé</h1>
      <p>
        Votre identifiant : <strong class="identifier">{identifier}</strong>
      </p>
      <p>Notez-le et conservez-le : il vous sera demandé à chaque connexion, avec le mot de passe que vous venez de choisir.</p>
      {attached.length > 0 && (
        <>
          <p>Enfant(s) rattaché(s) à votre compte :</p>
          <ul>
            {attached.map((c) => (
              <li>{`${c.firstName} ${c.lastName}`}</li>
            ))}
          </ul>
        </>
      )}
      <form method="post" action={registrationPath(flowId, 'acceder')}>
        <CsrfField token={csrf} />
        <button type="submit">Accéder à mes services en ligne</button>
      </form>
    </SelfServicePage>
  );
}

export function MessagePage({ realm, title, text, link }: { realm: Realm; title: string; text: string; link: { href: string; text: string } }) {
  return (
    <SelfServicePage realm={realm} title={title}>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href={link.href}>{link.text}</a>
      </p>
    </SelfServicePage>
  );
}
