// SPEC §4 Letters — seed 002 annex A1 (C01…C07): the exact texts of the guide, adapted to the realm and the
// establishment. Pure: no I/O, the same context always gives the same letter.
import type { LetterCode } from '../../domain/letters.ts';
import type { Block, LetterContent, LetterContext } from './letter-blocks.ts';
import { displayName, establishmentLine, establishmentWording, signatureFor } from './establishment-wording.ts';

export type { Block, LetterContent, LetterContext, LetterPerson } from './letter-blocks.ts';

const SENDER = 'Administrateur des services en ligne';
const SUBJECT_ACCOUNT = 'Mise à disposition de services en ligne pour suivre la scolarité de votre enfant';
const SUBJECT_PASSWORD = "Services en ligne de l'éducation nationale - demande de changement de mot de passe";
const SUBJECT_ACTIVATION = "Services en ligne de l'éducation nationale - activation du compte";
const TITLE_PASSWORD = 'Demande de changement de mot de passe pour les services en ligne';
const HELP = 'En cas de problème, vous trouverez toutes les informations nécessaires à cette adresse : ';

const SHEETS: ReadonlySet<LetterCode> = new Set(['C01', 'C03', 'C05']);

/** SPEC §4 Letters (annex A1): the subject, sender and blocks of one letter. */
export function letterContent(ctx: LetterContext): LetterContent {
  if (ctx.code === 'C07') return activationEmail(ctx);
  const sheet = SHEETS.has(ctx.code);
  const blocks: Block[] = [
    {
      kind: 'letterhead',
      realm: ctx.realm.displayName,
      establishment: establishmentLine(ctx.establishment.degree, ctx.establishment.uai, ctx.establishment.name),
    },
    // SPEC §4: each letter names the guardian, e-mails included (the annex's e-mails do not).
    { kind: 'addressee', text: `A l'attention de ${displayName(ctx.recipient)}.` },
  ];
  const body = ctx.code === 'C01' || ctx.code === 'C02' ? firstNotification(ctx) : ctx.code === 'C03' || ctx.code === 'C04' ? reminder(ctx) : newPassword(ctx);
  blocks.push(...body.blocks);
  return { code: ctx.code, subject: sheet ? null : body.subject, sender: sheet ? null : SENDER, blocks };
}

function children(ctx: LetterContext, colon: boolean): Block {
  return { kind: 'children', names: ctx.children.map(displayName), colon };
}

function password(ctx: LetterContext): string {
  if (ctx.provisionalPassword === null) throw new Error(`Le courrier ${ctx.code} donne un mot de passe provisoire : il manque.`);
  return ctx.provisionalPassword;
}

function closing(ctx: LetterContext): Block[] {
  return [
    { kind: 'signature', text: signatureFor(ctx.establishment.degree) },
    { kind: 'separator' },
    { kind: 'paragraph', text: HELP, link: ctx.helpUrl },
  ];
}

/** C01 (sheet) and C02 (e-mail): identifier, provisional password and the two activation steps. */
function firstNotification(ctx: LetterContext): { subject: string; blocks: Block[] } {
  const school = establishmentWording(ctx.establishment.kind, ctx.establishment.name);
  const [signature, separator, help] = closing(ctx) as [Block, Block, Block];
  return {
    subject: SUBJECT_ACCOUNT,
    blocks: [
      { kind: 'title', text: SUBJECT_ACCOUNT },
      {
        kind: 'paragraph',
        text: `${school.subject} met à la disposition des parents d'élèves un ensemble de services pédagogiques et administratifs, accessibles à l'adresse internet suivante : `,
        link: ctx.serviceUrl,
      },
      { kind: 'paragraph', text: "En ce qui concerne votre compte d'accès :" },
      {
        kind: 'paragraph',
        text: "Vous trouverez ci-dessous l'identifiant et le mot de passe de votre compte internet pour accéder aux services proposés pour",
      },
      children(ctx, true),
      {
        kind: 'credentials',
        lines: [
          { label: 'Identifiant', value: ctx.identifier },
          { label: 'Mot de passe *', value: password(ctx) },
        ],
        note: '* Mot de passe provisoire, à modifier lors de la première connexion',
      },
      signature,
      separator,
      {
        kind: 'steps',
        title: 'Activez votre compte responsable en 2 étapes :',
        intro: 'Pour accéder aux services une adresse de messagerie est indispensable.',
        items: [
          'Etape 1 : à la première connexion, vous devrez saisir le mot de passe provisoire ci-dessus, et vérifier votre adresse de messagerie.',
          "Etape 2 : un courriel contenant un lien d'activation vous sera envoyé, sur lequel il faut absolument cliquer afin d'activer votre compte.",
        ],
      },
      {
        kind: 'paragraph',
        text: 'NB: Si vous ne recevez pas de courriel, vérifiez qu\'il n\'a pas été classé comme "spam" ou connectez-vous à nouveau pour modifier votre adresse de messagerie.',
      },
      help,
    ],
  };
}

/** C03 (sheet) and C04 (e-mail): the account is still valid, the password unchanged. */
function reminder(ctx: LetterContext): { subject: string; blocks: Block[] } {
  return {
    subject: SUBJECT_ACCOUNT,
    blocks: [
      { kind: 'title', text: SUBJECT_ACCOUNT },
      { kind: 'paragraph', text: "Votre compte d'accès aux services pédagogiques et administratifs proposés pour" },
      children(ctx, false),
      { kind: 'paragraph', text: 'est toujours valide.' },
      { kind: 'credentials', lines: [{ label: 'Rappel de votre identifiant', value: ctx.identifier }], note: null },
      { kind: 'paragraph', text: 'Votre mot de passe est inchangé.' },
      {
        kind: 'paragraph',
        text: "Pour accéder à vos services, il suffit de vous connecter à l'adresse internet suivante : ",
        link: ctx.serviceUrl,
      },
      ...closing(ctx),
    ],
  };
}

/** C05 (sheet) and C06 (e-mail): a new provisional password after a reset. */
function newPassword(ctx: LetterContext): { subject: string; blocks: Block[] } {
  const school = establishmentWording(ctx.establishment.kind, ctx.establishment.name);
  return {
    subject: SUBJECT_PASSWORD,
    blocks: [
      { kind: 'title', text: TITLE_PASSWORD },
      {
        kind: 'paragraph',
        text: `Vous avez demandé auprès ${school.afterDe} un changement de mot de passe pour accéder aux services pédagogiques et administratifs, accessibles à l'adresse internet suivante :`,
      },
      { kind: 'link', url: ctx.serviceUrl },
      { kind: 'paragraph', text: "En ce qui concerne votre compte d'accès :" },
      {
        kind: 'paragraph',
        text: "Vous trouverez ci-dessous l'identifiant et le nouveau mot de passe provisoire de votre compte internet pour accéder aux services proposés pour",
      },
      children(ctx, true),
      {
        kind: 'credentials',
        lines: [
          { label: 'Identifiant', value: ctx.identifier },
          { label: 'Mot de passe *', value: password(ctx) },
        ],
        note: '* Mot de passe provisoire, à modifier lors de la prochaine connexion',
      },
      ...closing(ctx),
    ],
  };
}

/** C07: the activation e-mail sent at first login, with its single-use link. */
function activationEmail(ctx: LetterContext): LetterContent {
  if (!ctx.activationUrl) throw new Error("Le courriel C07 porte un lien d'activation : il manque.");
  return {
    code: 'C07',
    subject: SUBJECT_ACTIVATION,
    sender: SENDER,
    blocks: [
      { kind: 'paragraph', text: 'Bonjour,' },
      {
        kind: 'paragraph',
        text: `Vous souhaitez accéder aux services en ligne de l'éducation nationale avec l'identifiant ${ctx.identifier}`,
      },
      {
        kind: 'paragraph',
        text: 'Pour activer votre compte, vous devez d\'abord valider votre adresse mail en cliquant sur le lien ci-dessous et connectez-vous avec le mot de passe que vous avez choisi :',
      },
      { kind: 'link', url: ctx.activationUrl },
      { kind: 'paragraph', text: HELP, link: ctx.helpUrl },
      { kind: 'paragraph', text: 'Cordialement,' },
      { kind: 'signature', text: "L'administrateur des services en ligne" },
    ],
  };
}

/** The two addresses every letter derives from the issuer (SPEC §5: help page; QR code without password). */
export function letterUrls(serviceUrl: string, identifier: string): { helpUrl: string; loginUrl: string } {
  const base = serviceUrl.replace(/\/+$/, '');
  return { helpUrl: `${base}/aide`, loginUrl: `${base}/?identifiant=${encodeURIComponent(identifier)}` };
}
