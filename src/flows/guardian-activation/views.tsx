// SPEC §5 first login (guide §1.3.4): one page per step, each a form carrying the flow's CSRF token and its step.
import type { ComponentChildren } from 'preact';
import type { Realm } from '../../realms/realm.ts';
import { BirthDateField, describedBy, ErrorSummary, FieldMessages, FlowPage, PasswordFields } from '../http-kit/flow-views.tsx';
import { remainingAttemptsText } from '../http-kit/messages.ts';

interface StepProps {
  realm: Realm;
  flowId: string;
  csrf: string;
  identifier: string;
  /** "Étape 1 sur 3" for a first activation; nothing for a correction or a new password after a reset. */
  step?: number;
}

const TOTAL_STEPS = 3;

function StepForm({ flowId, csrf, step, children }: { flowId: string; csrf: string; step: string; children: ComponentChildren }) {
  return (
    <form class="card flow-form" method="post" action={`/premiere-connexion/${flowId}`} novalidate>
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="etape" value={step} />
      {children}
    </form>
  );
}

function Progress({ step }: { step: number | undefined }) {
  return step === undefined ? null : <p class="flow-progress">{`Étape ${step} sur ${TOTAL_STEPS}`}</p>;
}

function Identifier({ identifier }: { identifier: string }) {
  return (
    <p>
      Votre identifiant : <strong class="identifier">{identifier}</strong>
    </p>
  );
}

export function PasswordStepPage(props: StepProps & { rule: string; errors: { password?: string[]; confirmation?: string[] }; afterReset: boolean }) {
  const title = props.afterReset ? 'Choisissez un nouveau mot de passe' : 'Première connexion : choisissez votre mot de passe';
  return (
    <FlowPage realm={props.realm} title={title} passwordScripts>
      <Progress step={props.step} />
      <h1>{title}</h1>
      <ErrorSummary items={[{ field: 'password', messages: props.errors.password ?? [] }, { field: 'confirmation', messages: props.errors.confirmation ?? [] }]} />
      <p>
        {props.afterReset
          ? 'Votre mot de passe a été réinitialisé par votre établissement : remplacez le mot de passe provisoire par un mot de passe de votre choix.'
          : 'Pour activer votre compte, remplacez le mot de passe provisoire par un mot de passe de votre choix, puis indiquez votre adresse de messagerie et la date de naissance de votre enfant.'}
      </p>
      <Identifier identifier={props.identifier} />
      <StepForm flowId={props.flowId} csrf={props.csrf} step="password">
        <PasswordFields rule={props.rule} errors={props.errors} />
        <button type="submit">{props.afterReset ? 'Valider' : 'Continuer'}</button>
      </StepForm>
    </FlowPage>
  );
}

export function EmailStepPage(props: StepProps & { email: string; errors: { email?: string[] }; correction: boolean }) {
  const title = props.correction ? 'Votre adresse de messagerie' : 'Première connexion : votre adresse de messagerie';
  const errors = props.errors.email;
  return (
    <FlowPage realm={props.realm} title={title}>
      <Progress step={props.step} />
      <h1>{title}</h1>
      <ErrorSummary items={[{ field: 'email', messages: errors ?? [] }]} />
      {props.correction && (
        <p>
          Votre compte est en cours d'activation : pour l'activer, cliquez sur le lien du courriel d'activation qui vous a été envoyé. Si vous ne
          l'avez pas reçu, vérifiez ou corrigez votre adresse ci-dessous : un nouveau courriel vous sera envoyé.
        </p>
      )}
      <StepForm flowId={props.flowId} csrf={props.csrf} step="email">
        <div class={errors?.length ? 'field field-invalid' : 'field'}>
          <label for="email">Adresse électronique</label>
          <p id="email-hint" class="hint">
            Elle sert à finaliser l'activation de votre compte, à vous communiquer des informations importantes sur les services en ligne et à vous
            renvoyer votre identifiant en cas d'oubli.
          </p>
          <FieldMessages id="email-errors" messages={errors} />
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            spellcheck={false}
            required
            maxLength={254}
            value={props.email}
            aria-describedby={describedBy('email', true, errors)}
            aria-invalid={errors?.length ? 'true' : undefined}
          />
        </div>
        <button type="submit">{props.correction ? "Recevoir un nouveau courriel d'activation" : 'Continuer'}</button>
      </StepForm>
    </FlowPage>
  );
}

export function BirthDateStepPage(props: StepProps & { child: { firstName: string; lastName: string }; errors: { birthDate?: string[] }; remaining?: number }) {
  const title = 'Première connexion : vérification de votre identité';
  const errors = props.errors.birthDate && props.remaining !== undefined ? [...props.errors.birthDate, remainingAttemptsText(props.remaining)] : props.errors.birthDate;
  return (
    <FlowPage realm={props.realm} title={title}>
      <Progress step={props.step} />
      <h1>{title}</h1>
      <ErrorSummary items={[{ field: 'birthDate', messages: errors ?? [] }]} />
      <p>
        Pour des raisons de sécurité, indiquez la date de naissance de votre enfant {props.child.firstName} {props.child.lastName}.
      </p>
      <StepForm flowId={props.flowId} csrf={props.csrf} step="birthdate">
        <BirthDateField label={`Date de naissance de ${props.child.firstName}`} example="14/03/2012" autocomplete="off" errors={errors} />
        <button type="submit">Valider</button>
      </StepForm>
    </FlowPage>
  );
}

export function SentPage(props: StepProps & { email: string }) {
  const title = 'Consultez votre messagerie';
  return (
    <FlowPage realm={props.realm} title={title}>
      <h1>{title}</h1>
      <p class="notice notice-success" role="status">
        Un courriel contenant un lien d'activation vient de vous être envoyé à <strong>{props.email}</strong> : cliquez sur ce lien pour activer votre
        compte.
      </p>
      <p>
        Si vous ne recevez pas de courriel, vérifiez qu'il n'a pas été classé comme « spam » (courrier indésirable), ou corrigez votre adresse de
        messagerie.
      </p>
      <p>Vous pourrez accéder à vos services en ligne dès que votre compte sera activé, en vous connectant avec le mot de passe que vous avez choisi.</p>
      <Identifier identifier={props.identifier} />
      <StepForm flowId={props.flowId} csrf={props.csrf} step="sent">
        <button type="submit" class="secondary">
          Corriger mon adresse de messagerie
        </button>
      </StepForm>
      <p>
        <a href={`/?identifiant=${encodeURIComponent(props.identifier)}`}>Retour à la page de connexion</a>
      </p>
    </FlowPage>
  );
}
