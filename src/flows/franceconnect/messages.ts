// The French sentences of FranceConnect's first connection (SPEC §5, guide §1.3.5 and §3.2), named once.
import { CODE_TTL_MS } from '../../messaging/sms/one-time-code.ts';

export const FRANCECONNECT_MESSAGES = {
  mobileMissing: 'Saisissez votre numéro de téléphone portable.',
  mobileInvalid: 'Numéro invalide : saisissez un numéro de téléphone portable, par exemple 06 12 34 56 78.',
  // SPEC §5 / guide §3.2: the school corrects the number in its records; the correction shows the next day.
  unknown:
    "Nous ne trouvons pas ce numéro de téléphone portable associé à votre nom et à votre prénom. Vérifiez votre saisie. Si elle est exacte, l'établissement de votre enfant doit corriger vos coordonnées dans ses fichiers ; la correction sera visible le lendemain et vous pourrez alors réessayer de vous connecter avec FranceConnect.",
  noChild: "Aucun enfant n'est rattaché à vos coordonnées pour le moment : adressez-vous à l'établissement de votre enfant.",
  smsQuota: "Trop de codes ont été envoyés à ce numéro aujourd'hui : réessayez demain.",
  tooManyBirthDates:
    "Trop de dates de naissance incorrectes. Si les dates saisies sont exactes, l'établissement de votre enfant doit corriger son dossier ; vous pourrez réessayer le lendemain.",
  flowGone: 'Cette étape a expiré ou a déjà été terminée : reconnectez-vous avec FranceConnect depuis la page de connexion.',
  csrf: "Ce formulaire n'est plus valable : rechargez la page, puis saisissez de nouveau vos informations.",
  nothingToLink: "Aucun compte ne peut être lié à votre identité FranceConnect : adressez-vous à l'établissement de votre enfant.",
  codeResendExhausted: 'Vous avez demandé trop de codes : recommencez la connexion avec FranceConnect depuis la page de connexion.',
} as const;

/** The SMS: what the code is for, how long it lasts, and that nobody will ever ask for it. */
export function franceConnectSmsText(realmName: string, code: string): string {
  return `${realmName} : ${code} est votre code pour relier FranceConnect à votre compte. Il est valable ${CODE_TTL_MS / 60_000} minutes. Ne le communiquez à personne : personne ne vous le demandera. Si vous n'avez rien demandé, ignorez ce message.`;
}
