// The guide's words (seed 002 §5.1–§5.6), written once: a school head finds every function where the guide says.

export const NO_RESULT = 'Attention ! Aucun responsable ne correspond à vos critères de sélection. Veuillez modifier votre demande.';
export const EMPTY_SELECTION = 'Vous devez sélectionner un ou plusieurs comptes.';
export const PASSWORD_FOOTNOTE =
  "* Seuls les mots de passe provisoires sont affichés, le mot de passe choisi par le responsable lors de l'activation de son compte est masqué.";
export const RESET_NOT_APPLIED = "Avertissement : les mots de passe des comptes qui n'étaient pas encore notifiés n'ont pas été mis à jour.";
export const BACK_TO_LIST = 'Retour à la liste';
export const BACK_TO_LIST_HREF = '/admin/responsables?retour=1';

export const MENU = {
  notifyMany: '(Re)Notifier les comptes',
  notifyOne: '(Re)Notifier le compte',
  list: 'Lister les comptes',
  modifyMany: 'Modifier les comptes',
  modifyOne: 'Modifier le compte',
  withReset: 'Avec réinitialisation du mot de passe',
  bySheets: 'Par feuilles individuelles imprimables',
  bySheet: 'Par feuille individuelle imprimable',
  byEmail: 'Par envoi de courriers électroniques',
  listPdf: 'Imprimer la liste des responsables (format pdf)',
  listCsv: 'Imprimer la liste des responsables (format csv)',
  resetMany: 'Réinitialiser le(s) mot(s) de passe',
  resetOne: 'Réinitialiser le mot de passe',
  resend: "Renvoyer un courriel d'activation",
} as const;

export const CONFIRM = {
  notifyMany: { sheet: 'Êtes-vous sûr de vouloir notifier le(s) compte(s) (par feuille individuelle) ?', email: 'Êtes-vous sûr de vouloir notifier le(s) compte(s) (par courrier électronique) ?' },
  notifyOne: { sheet: 'Êtes-vous sûr de vouloir notifier le compte (par feuille individuelle) ?', email: 'Êtes-vous sûr de vouloir notifier le compte (par email) ?' },
  resetWarningMany:
    "Avertissement : si vous avez coché l'option 'Avec réinitialisation du mot de passe', un nouveau mot de passe provisoire sera attribué aux responsables ayant déjà activé leur compte.",
  resetWarningOne:
    "Avertissement : si vous avez coché l'option 'Avec réinitialisation du mot de passe', un nouveau mot de passe provisoire sera attribué au responsable.",
  resetMany: 'Êtes-vous sûr de vouloir réinitialiser le(s) compte(s) ?',
  resetOne: 'Êtes-vous sûr de vouloir réinitialiser le mot de passe du compte ?',
} as const;

export const RESULT = {
  distributedMany: 'La distribution a été effectuée avec succès pour le(s) compte(s) sélectionné(s).',
  distributedOne: 'La distribution a été effectuée avec succès.',
  download: 'Télécharger le courrier au format PDF',
  resetMany: 'Le mot de passe a bien été réinitialisé pour les responsable(s) sélectionné(s).',
  resetOne: 'Le mot de passe a bien été réinitialisé.',
  resent: 'Le mail a été renvoyé.',
  noEmailOne: 'Aucune adresse mail n\'étant renseignée, la distribution par mail est impossible.',
  noEmailOneHint: "Vous devrez notifier ce compte par feuille individuelle tant que l'adresse mail du responsable ne sera pas connue.",
} as const;

export function noEmailMany(total: number): string {
  return `Aucune adresse mail n'étant renseignée, la distribution par mail est impossible pour le(s) responsable(s) suivant(s) (total : ${total} compte(s)) :`;
}

export function noEmailManyHint(realmName: string): string {
  return `Vous devrez notifier ces comptes par feuilles individuelles tant que l'adresse mail du responsable ne sera pas connue dans ${realmName}.`;
}

export function refusedMessage(count: number): string {
  return `${count} compte(s) n'ont pas été traités : ils ne sont rattachés à aucun élève de votre établissement.`;
}
