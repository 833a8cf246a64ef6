// Seed 003 "Paramétrage du compte": one page — new password, birth date, optional e-mail, "Activer votre compte";
// then "Votre compte a bien été activé".
import type { Realm } from '../../realms/realm.ts';
import { BirthDateField, describedBy, ErrorSummary, FieldMessages, FlowPage, PasswordFields } from '../http-kit/flow-views.tsx';
import { remainingAttemptsText, type FieldErrors } from '../http-kit/messages.ts';
import type { StudentField } from './activate-student.ts';

export interface StudentActivationPageProps {
  realm: Realm;
  flowId: string;
  csrf: string;
  identifier: string;
  rule: string;
  email: string;
  errors: FieldErrors<StudentField>;
  remaining?: number;
}

export function StudentActivationPage(props: StudentActivationPageProps) {
  const { errors } = props;
  const birthDateErrors = errors.birthDate && props.remaining !== undefined ? [...errors.birthDate, remainingAttemptsText(props.remaining)] : errors.birthDate;
  const title = 'Activer votre compte';
  return (
    <FlowPage realm={props.realm} title={title} passwordScripts>
      <h1>{title}</h1>
      <ErrorSummary
        items={[
          { field: 'password', messages: errors.password ?? [] },
          { field: 'confirmation', messages: errors.confirmation ?? [] },
          { field: 'birthDate', messages: birthDateErrors ?? [] },
          { field: 'email', messages: errors.email ?? [] },
        ]}
      />
      <p>Vous devez maintenant paramétrer votre nouveau compte : choisissez un nouveau mot de passe, indiquez votre date de naissance et, si vous le souhaitez, une adresse de messagerie.</p>
      <p>
        Votre identifiant : <strong class="identifier">{props.identifier}</strong>
      </p>
      <p class="hint">Notez bien votre identifiant et votre nouveau mot de passe dans un endroit sûr. Le mieux est bien sûr de les mémoriser.</p>
      <form class="card flow-form" method="post" action={`/activation-eleve/${props.flowId}`} novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="etape" value="password" />
        <PasswordFields rule={props.rule} errors={errors} />
        <BirthDateField label="Date de naissance" example="21/06/2012" autocomplete="bday" errors={birthDateErrors} />
        <div class={errors.email?.length ? 'field field-invalid' : 'field'}>
          <label for="email">Adresse de messagerie (facultatif)</label>
          <p id="email-hint" class="hint">
            Indiquez une adresse différente de votre adresse de l'établissement. Elle vous permettra de récupérer vos identifiants en cas de perte ou
            d'oubli.
          </p>
          <FieldMessages id="email-errors" messages={errors.email} />
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            spellcheck={false}
            maxLength={254}
            value={props.email}
            aria-describedby={describedBy('email', true, errors.email)}
            aria-invalid={errors.email?.length ? 'true' : undefined}
          />
        </div>
        <button type="submit">Activer votre compte</button>
      </form>
    </FlowPage>
  );
}

export function StudentActivatedPage({ realm, emailSent, destination }: { realm: Realm; emailSent: boolean; destination: string }) {
  const title = 'Vous pouvez maintenant accéder à vos services en ligne';
  return (
    <FlowPage realm={realm} title="Votre compte a bien été activé">
      <h1>{title}</h1>
      <p class="notice notice-success" role="status">
        Votre compte a bien été activé. Vous pouvez maintenant accéder à vos services en ligne.
      </p>
      {emailSent && (
        <>
          <p>Nous venons juste de vous envoyer les instructions pour finaliser l'activation de votre compte *.</p>
          <p class="hint">(* Si vous n'avez rien reçu, pensez à regarder vos courriers indésirables ou « spams ».)</p>
        </>
      )}
      <p>
        <a class="button-link" href={destination}>
          Accéder à mes services en ligne
        </a>
      </p>
    </FlowPage>
  );
}
