// SPEC §1: the national preset — guardians of 1st and 2nd degree, students of 2nd degree (seeds 002, 003).
import type { Realm } from './realm.ts';

export const educonnect: Realm = {
  id: 'educonnect',
  displayName: 'EduConnect',
  tagline: 'Un compte unique pour les services numériques des écoles et des établissements',
  populations: {
    guardian: {
      degrees: ['1D', '2D'],
      passwordPolicy: 'educonnect-guardian',
      identifierFormat: { kind: 'initial-dot-lastname' },
      onboarding: 'guardian-activation',
    },
    student: {
      degrees: ['2D'],
      passwordPolicy: 'educonnect-student',
      identifierFormat: { kind: 'initial-dot-lastname' },
      onboarding: 'student-activation',
    },
  },
  selfService: {
    smsRegistration: true,
    franceConnect: true,
    emailRecovery: true,
    smsRecovery: true,
    securityQuestions: false,
  },
  provisionalValidityMonths: 3,
  retentionMonths: 3,
  exportFilePrefix: 'Educonnect',
  support: {
    contacts: [
      {
        kinds: 'all',
        text: "Pour un identifiant, un mot de passe ou un courriel d'activation, adressez-vous au directeur d'école ou au chef d'établissement de votre enfant.",
      },
    ],
  },
  securityQuestions: [],
  accountOpens: [],
};
