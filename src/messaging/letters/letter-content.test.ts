// Annex A1 of seed 002, with its own example: Jean DUPONT, Léa, Enzo and Maël, celine.dupont114, BUNZ57DM.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LetterCode } from '../../domain/letters.ts';
import { letterContent, letterUrls, type LetterContext } from './letter-content.ts';
import { ANNEX_SERVICE_URL as SERVICE, annexExample } from './annex-example.ts';
import { letterText } from './letter-text.ts';
import { establishmentWording } from './establishment-wording.ts';

const text = (code: LetterCode, overrides: Partial<LetterContext> = {}) => letterText(letterContent(annexExample(code, overrides)));
const ALL: LetterCode[] = ['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07'];

describe('letters C01–C07 (annex A1)', () => {
  test('sheets have neither subject nor sender; e-mails have the annex subjects and sender', () => {
    for (const code of ['C01', 'C03', 'C05'] as const) {
      const c = letterContent(annexExample(code));
      assert.equal(c.subject, null, code);
      assert.equal(c.sender, null, code);
    }
    const subjectOf = (code: LetterCode) => letterContent(annexExample(code)).subject;
    assert.equal(subjectOf('C02'), 'Mise à disposition de services en ligne pour suivre la scolarité de votre enfant');
    assert.equal(subjectOf('C04'), 'Mise à disposition de services en ligne pour suivre la scolarité de votre enfant');
    assert.equal(subjectOf('C06'), "Services en ligne de l'éducation nationale - demande de changement de mot de passe");
    assert.equal(subjectOf('C07'), "Services en ligne de l'éducation nationale - activation du compte");
    for (const code of ['C02', 'C04', 'C06', 'C07'] as const) {
      assert.equal(letterContent(annexExample(code)).sender, 'Administrateur des services en ligne', code);
    }
  });

  test('C01–C06 name the guardian, the establishment and every child in the "Prénom NOM" form', () => {
    for (const code of ALL.filter((c) => c !== 'C07')) {
      const t = text(code);
      assert.match(t, /A l'attention de Jean DUPONT\./, code);
      assert.match(t, /Ecole : 0311478N - CHARLEMAGNE/, code);
      assert.match(t, /EduConnect/, code);
      for (const child of ['Léa DUPONT', 'Enzo DUPONT', 'Maël DUPONT']) assert.ok(t.includes(`- ${child}`), `${code}: ${child}`);
      assert.ok(t.includes("Le directeur d'école."), code);
      assert.ok(t.includes(`vous trouverez toutes les informations nécessaires à cette adresse : ${SERVICE}/aide`), code);
      assert.ok(!t.includes('educonnect.education.gouv.fr'), code);
    }
  });

  test('C01/C02: identifier, provisional password to change at the first login, the 2 activation steps', () => {
    for (const code of ['C01', 'C02'] as const) {
      const t = text(code);
      assert.ok(
        t.includes(
          `L'école CHARLEMAGNE met à la disposition des parents d'élèves un ensemble de services pédagogiques et administratifs, accessibles à l'adresse internet suivante : ${SERVICE}`,
        ),
        code,
      );
      assert.ok(t.includes('Identifiant : celine.dupont114'), code);
      assert.ok(t.includes('Mot de passe * : BUNZ57DM'), code);
      assert.ok(t.includes('* Mot de passe provisoire, à modifier lors de la première connexion'), code);
      assert.ok(t.includes('  - Maël DUPONT :'), code);
      assert.ok(t.includes('Activez votre compte responsable en 2 étapes :'), code);
      assert.ok(t.includes('Pour accéder aux services une adresse de messagerie est indispensable.'), code);
      assert.ok(t.includes('Etape 1 : à la première connexion, vous devrez saisir le mot de passe provisoire ci-dessus'), code);
      assert.ok(t.includes("Etape 2 : un courriel contenant un lien d'activation vous sera envoyé"), code);
      assert.ok(t.includes('NB: Si vous ne recevez pas de courriel'), code);
      assert.ok(!t.includes('prochaine connexion'), code);
      assert.ok(!t.includes('Votre mot de passe est inchangé.'), code);
    }
  });

  test('C03/C04: the identifier is reminded and the password is unchanged; no password anywhere', () => {
    for (const code of ['C03', 'C04'] as const) {
      const t = text(code);
      assert.ok(t.includes("Votre compte d'accès aux services pédagogiques et administratifs proposés pour"), code);
      assert.ok(t.includes('est toujours valide.'), code);
      assert.ok(t.includes('Rappel de votre identifiant : celine.dupont114'), code);
      assert.ok(t.includes('Votre mot de passe est inchangé.'), code);
      assert.ok(t.includes(`Pour accéder à vos services, il suffit de vous connecter à l'adresse internet suivante : ${SERVICE}`), code);
      assert.ok(!t.includes('BUNZ57DM'), code);
      assert.ok(!t.includes('Mot de passe *'), code);
      assert.ok(t.includes('  - Maël DUPONT\n'), code);
    }
    // Even a context that carries a password by mistake never prints it in C03/C04.
    assert.ok(!text('C03', { provisionalPassword: 'BUNZ57DM' }).includes('BUNZ57DM'));
  });

  test('C05/C06: a new provisional password, to change at the next login', () => {
    for (const code of ['C05', 'C06'] as const) {
      const t = text(code);
      assert.ok(t.includes('Demande de changement de mot de passe pour les services en ligne'), code);
      assert.ok(t.includes("Vous avez demandé auprès de l'école CHARLEMAGNE un changement de mot de passe"), code);
      assert.ok(t.includes("l'identifiant et le nouveau mot de passe provisoire de votre compte internet"), code);
      assert.ok(t.includes('Mot de passe * : BUNZ57DM'), code);
      assert.ok(t.includes('* Mot de passe provisoire, à modifier lors de la prochaine connexion'), code);
      assert.ok(!t.includes('première connexion'), code);
      assert.ok(!t.includes('Votre mot de passe est inchangé.'), code);
      assert.ok(!t.includes('Activez votre compte'), code);
    }
  });

  test('C07: the activation link, the identifier, no password', () => {
    const t = text('C07');
    assert.ok(t.startsWith('Bonjour,'));
    assert.ok(t.includes("Vous souhaitez accéder aux services en ligne de l'éducation nationale avec l'identifiant celine.dupont114"));
    assert.ok(t.includes('en cliquant sur le lien ci-dessous et connectez-vous avec le mot de passe que vous avez choisi :'));
    assert.ok(t.includes(`\n\n${SERVICE}/activation/tok3n\n\n`));
    assert.ok(t.includes("L'administrateur des services en ligne"));
    assert.ok(!t.includes('BUNZ57DM'));
    assert.throws(() => letterContent(annexExample('C07', { activationUrl: undefined })), /lien d'activation/);
  });

  test('a letter that gives a password refuses to go out without one', () => {
    for (const code of ['C01', 'C02', 'C05', 'C06'] as const) {
      assert.throws(() => letterContent(annexExample(code, { provisionalPassword: null })), /mot de passe provisoire/, code);
    }
  });

  test('second degree: "Le collège …" and the head of establishment signs', () => {
    const establishment = { uai: '0990202G', name: 'VICTOR HUGO', kind: 'college', degree: '2D' } as const;
    const c01 = text('C01', { establishment });
    assert.ok(c01.includes('Le collège VICTOR HUGO met à la disposition'));
    assert.ok(c01.includes("Le chef d'établissement."));
    assert.ok(!c01.includes("Le directeur d'école."));
    assert.ok(c01.includes('Etablissement : 0990202G - VICTOR HUGO'));
    assert.ok(text('C05', { establishment }).includes('Vous avez demandé auprès du collège VICTOR HUGO'));
  });

  test('establishment wording: article and noun by kind; a name that already says its kind gets the article only', () => {
    assert.deepEqual(establishmentWording('ecole', 'CHARLEMAGNE'), { subject: "L'école CHARLEMAGNE", afterDe: "de l'école CHARLEMAGNE" });
    assert.deepEqual(establishmentWording('lycee', 'MONTAIGNE'), { subject: 'Le lycée MONTAIGNE', afterDe: 'du lycée MONTAIGNE' });
    assert.deepEqual(establishmentWording('mfr', 'LES BAUGES'), {
      subject: "L'établissement LES BAUGES",
      afterDe: "de l'établissement LES BAUGES",
    });
    assert.equal(establishmentWording('college', 'COLLEGE GEORGE SAND').subject, 'Le COLLEGE GEORGE SAND');
    assert.equal(establishmentWording('ecole', 'ÉCOLE PRIMAIRE PUBLIQUE JULES FERRY').afterDe, "de l'ÉCOLE PRIMAIRE PUBLIQUE JULES FERRY");
  });

  test('the QR code target carries the identifier, never the password', () => {
    const { loginUrl, helpUrl } = letterUrls('http://localhost:3000/', 'celine.dupont114');
    assert.equal(loginUrl, 'http://localhost:3000/?identifiant=celine.dupont114');
    assert.equal(helpUrl, 'http://localhost:3000/aide');
  });
});
