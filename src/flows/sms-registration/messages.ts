// The French sentences of SMS registration (SPEC §5, guide §1.3.4 and §3.2), named once.
import { CODE_TTL_MS } from '../../messaging/sms/one-time-code.ts';

export const REGISTRATION_MESSAGES = {
  lastNameMissing: 'Saisissez votre nom.',
  firstNameMissing: 'Saisissez votre prénom.',
  mobileMissing: 'Saisissez votre numéro de téléphone portable.',
  mobileInvalid: 'Numéro invalide : saisissez un numéro de téléphone portable, par exemple 06 12 34 56 78.',
  // Guide §1.4 and §3.2: the school corrects the number in its records; the correction shows the next day.
  unknown:
    "Nous ne trouvons pas ce numéro de téléphone portable associé à ces nom et prénom. Vérifiez votre saisie. Si elle est exacte, l'établissement de votre enfant doit corriger vos coordonnées dans ses fichiers ; la correction sera visible le lendemain et vous pourrez alors créer votre compte.",
  alreadyActive:
    'Vous avez déjà un compte activé. Connectez-vous avec votre identifiant et votre mot de passe ; si vous les avez oubliés, utilisez « Identifiant perdu » ou « Mot de passe perdu ».',
  smsQuota: "Trop de codes ont été envoyés à ce numéro aujourd'hui : réessayez demain.",
  codeSent: (masked: string) =>
    `Un code à 6 chiffres vient d'être envoyé par SMS au ${masked}. Il est valable ${CODE_TTL_MS / 60_000} minutes.`,
  codeResent: "Un nouveau code vient d'être envoyé. Seul le dernier code reçu est valable.",
  codeMalformed: 'Le code comporte 6 chiffres : saisissez-le tel que vous l’avez reçu.',
  codeWrong: (remaining: number) =>
    remaining > 0
      ? `Code incorrect. Il vous reste ${remaining === 1 ? '1 essai' : `${remaining} essais`}.`
      : 'Code incorrect. Ce code ne peut plus être utilisé : demandez un nouveau code.',
  codeExhausted: 'Ce code ne peut plus être utilisé après trop d’essais : demandez un nouveau code.',
  codeExpired: 'Ce code a expiré : demandez un nouveau code.',
  resendTooSoon: (seconds: number) => `Patientez encore ${seconds} seconde(s) avant de demander un nouveau code.`,
  resendExhausted: 'Vous avez demandé trop de codes pour cette inscription : recommencez depuis le début.',
  birthDateWrong:
    "Cette date ne correspond pas à celle que l'établissement nous a transmise. Corrigez-la, ou laissez le champ vide pour continuer sans cet enfant : si la date est exacte, l'établissement doit corriger son dossier (la correction sera visible le lendemain).",
  noChildConfirmed: "Saisissez la date de naissance d'au moins un de vos enfants.",
  tooManyBirthDates:
    "Trop de dates de naissance incorrectes. Si les dates saisies sont exactes, l'établissement de votre enfant doit corriger son dossier ; vous pourrez recommencer le lendemain.",
  noChild:
    "Aucun enfant n'est rattaché à vos coordonnées pour le moment : adressez-vous à l'établissement de votre enfant.",
  passwordMissing: 'Saisissez un mot de passe.',
  confirmationMissing: 'Saisissez une seconde fois le mot de passe.',
  confirmationMismatch: 'Les deux mots de passe saisis ne sont pas identiques.',
  flowGone: 'Cette étape a expiré ou a déjà été terminée : recommencez la création de votre compte.',
  csrf: "Ce formulaire n'est plus valable : rechargez la page, puis saisissez de nouveau vos informations.",
} as const;

/** The SMS: what the code is for, how long it lasts, and that nobody will ever ask for it. */
export function registrationSmsText(realmName: string, code: string): string {
  return `${realmName} : ${code} est votre code pour créer votre compte. Il est valable ${CODE_TTL_MS / 60_000} minutes. Ne le communiquez à personne : personne ne vous le demandera. Si vous n'avez rien demandé, ignorez ce message.`;
}
