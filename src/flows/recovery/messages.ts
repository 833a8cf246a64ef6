// The French sentences of recovery (SPEC §5, guide §3.2): the same answer whether or not an account exists.
import { CODE_TTL_MS } from '../../messaging/sms/one-time-code.ts';

export const RECOVERY_MESSAGES = {
  identifierMissing: 'Saisissez votre identifiant.',
  identifierSent:
    'Si cette adresse correspond à un compte activé, vous allez recevoir un courriel contenant votre identifiant. Pensez à regarder dans vos courriers indésirables.',
  linkSent:
    "Si ce compte est activé et qu'une adresse électronique confirmée y est associée, vous allez recevoir un courriel contenant un lien pour choisir un nouveau mot de passe. Ce lien est valable 1 heure et ne peut servir qu'une fois.",
  codeSent: `Si ce compte est activé et qu'un numéro de téléphone portable y est associé, un code à 6 chiffres vient de lui être envoyé par SMS. Il est valable ${CODE_TTL_MS / 60_000} minutes.`,
  // Seed 002 §3.2: a non-activated account has its letter, or the school resends it.
  notActivated:
    "Si votre compte n'est pas encore activé, ces démarches ne sont pas possibles : utilisez le courrier remis par l'établissement, ou demandez-lui de vous le renvoyer.",
  channelMissing: 'Choisissez comment recevoir de quoi changer votre mot de passe.',
  linkInvalid: "Ce lien n'est plus valable : il a déjà servi, il a expiré (1 heure) ou il a été remplacé. Faites une nouvelle demande.",
  passwordChanged: 'Votre mot de passe a été modifié.',
  flowGone: 'Cette étape a expiré ou a déjà été terminée : faites une nouvelle demande.',
} as const;

/** The SMS: what the code is for, how long it lasts, and that nobody will ever ask for it. */
export function recoverySmsText(realmName: string, code: string): string {
  return `${realmName} : ${code} est votre code pour changer votre mot de passe. Il est valable ${CODE_TTL_MS / 60_000} minutes. Ne le communiquez à personne : personne ne vous le demandera. Si vous n'avez rien demandé, ignorez ce message.`;
}
