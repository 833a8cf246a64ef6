// SPEC §1 and §7: the departmental preset — students of the collèges of one département (seeds 000, 001).
import type { Realm } from './realm.ts';

const assistance = {
  email: 'contact@collegiendeprovence.fr',
  phone: '04 86 68 47 44',
};
const departmentSupport = 'support-informatisation-college@eduprovence.fr';

export const eduprovence: Realm = {
  id: 'eduprovence',
  displayName: 'Eduprovence',
  tagline: 'Le compte scolaire des collégiens des Bouches-du-Rhône',
  populations: {
    student: {
      degrees: ['2D'],
      passwordPolicy: 'eduprovence-student',
      identifierFormat: { kind: 'lastname-initial-at-domain', domain: 'eduprovence.fr' },
      onboarding: 'password-then-security-questions',
    },
  },
  selfService: {
    smsRegistration: false,
    franceConnect: false,
    emailRecovery: false,
    smsRecovery: false,
    securityQuestions: true,
  },
  provisionalValidityMonths: 3,
  retentionMonths: 3,
  exportFilePrefix: 'Eduprovence',
  support: {
    contacts: [
      {
        kinds: ['college'],
        sector: 'public',
        text:
          "En période scolaire, adressez-vous à l'ATI (assistant technique informatique) du collège, par son adresse générique indiquée sur le site du collège. " +
          "En période de vacances scolaires exclusivement, écrivez au support informatique de la Direction de l'Éducation et des Collèges.",
        email: departmentSupport,
      },
      {
        kinds: ['college'],
        sector: 'private',
        text: "Écrivez au support informatique de la Direction de l'Éducation et des Collèges, toute l'année, vacances comprises.",
        email: departmentSupport,
      },
      { kinds: ['mfr'], text: "Adressez-vous à la MFR, qui délivre les identifiants de l'élève." },
      {
        kinds: ['medico_educatif'],
        text: "Adressez-vous à l'établissement, qui délivre les identifiants ; à défaut, contactez l'assistance.",
        ...assistance,
      },
      { kinds: 'all', text: "Contactez l'assistance, qui vous indiquera la marche à suivre.", ...assistance },
    ],
  },
  securityQuestions: [
    'Quel est votre aliment préféré ?',
    "Quel était le nom de votre instituteur préféré à l'école primaire ?",
    'Quel était le nom de votre toute première école ?',
    'Quel était le nom de votre peluche préféré ?',
    'Comment s\'appelait votre premier animal de compagnie ?',
    "Où êtes-vous allé la première fois que vous avez pris l'avion ?",
    'Quel serait selon vous le métier idéal ?',
    'Quelle personne célèbre aimeriez-vous rencontrer ?',
    'Quelle est la ville où vous aimeriez le plus vivre ?',
    'Quelle est votre activité préférée ?',
  ],
  accountOpens: [
    'Tous les ordinateurs du collège',
    "L'Équipement Informatique Mobile (EIM) : tablette ou ordinateur portable prêté par le collège",
    'Un espace de stockage personnel en ligne et sécurisé',
    'Des services en ligne comme le dispositif CJEUNE',
  ],
};
