// The French sentences of the activation flows, named once: services return their ids, pages print the text.

export const FLOW_MESSAGES = {
  flowGone: 'Cette étape a expiré : reconnectez-vous avec votre identifiant et votre mot de passe.',
  csrfRefused: "Ce formulaire n'est plus valable : rechargez la page, puis saisissez de nouveau vos informations.",
  passwordMissing: 'Saisissez un nouveau mot de passe.',
  confirmationMissing: 'Saisissez une seconde fois le nouveau mot de passe.',
  confirmationMismatch: 'Les deux mots de passe saisis ne sont pas identiques.',
  sameAsProvisional: 'Le nouveau mot de passe doit être différent du mot de passe provisoire.',
  emailMissing: 'Saisissez votre adresse électronique.',
  emailInvalid: 'Adresse électronique invalide.',
  emailInstitutional: "Indiquez une adresse différente de votre adresse de l'établissement.",
  birthDateMissing: 'Saisissez la date de naissance.',
  birthDateInvalid: 'Date invalide : saisissez-la au format JJ/MM/AAAA, par exemple 14/03/2012.',
  birthDateMismatch:
    "La date de naissance saisie ne correspond pas à celle connue de l'établissement. Vérifiez-la ; si elle est juste, l'établissement doit la corriger.",
  noChild:
    "Aucun enfant n'est rattaché à votre compte pour vérifier votre identité : adressez-vous au directeur d'école ou au chef d'établissement de votre enfant.",
  alreadyActive: 'Votre compte est déjà activé : connectez-vous avec votre identifiant et votre mot de passe.',
} as const;

export type FlowMessageId = keyof typeof FLOW_MESSAGES;

/** Errors of a form, field by field, in French; an empty object means the form is valid. */
export type FieldErrors<F extends string> = Partial<Record<F, string[]>>;

export function hasErrors(errors: FieldErrors<string>): boolean {
  return Object.values(errors).some((list) => list !== undefined && list.length > 0);
}

/** After this many wrong birth dates a flow ends (the person may log in again later). */
export const MAX_BIRTH_DATE_ATTEMPTS = 5;

export function remainingAttemptsText(remaining: number): string {
  return remaining === 1 ? 'Il vous reste 1 essai.' : `Il vous reste ${remaining} essais.`;
}
