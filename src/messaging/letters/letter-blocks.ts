// The structured body of a letter (annex A1 of seed 002): every renderer (e-mail HTML and text, PDF) reads
// the same blocks, so a sentence is written once and the three outputs never drift apart.
import type { LetterCode } from '../../domain/letters.ts';
import type { EstablishmentKind, Realm } from '../../realms/realm.ts';

export interface LetterPerson {
  firstName: string;
  lastName: string;
}

export interface LetterContext {
  code: LetterCode;
  realm: Realm;
  /** The public base URL (the issuer): it replaces https://educonnect.education.gouv.fr of the annex. */
  serviceUrl: string;
  /** The realm's help page, `${serviceUrl}/aide`: it replaces …/educt-aide/contacts/ of the annex. */
  helpUrl: string;
  establishment: { uai: string; name: string; kind: EstablishmentKind; degree: '1D' | '2D' };
  /** The guardian the letter is addressed to. */
  recipient: LetterPerson;
  /** Every child covered by the account (SPEC §4: each letter names them all). */
  children: LetterPerson[];
  identifier: string;
  /** In clear for C01, C02, C05 and C06; null for the others. */
  provisionalPassword: string | null;
  /** C07 only: the single-use activation link. */
  activationUrl?: string;
  /** The QR code's target, `${serviceUrl}/?identifiant=<identifier>`: never the password. */
  loginUrl: string;
}

export type Block =
  /** Who writes: the realm and the establishment (rendered as the page header of a sheet). */
  | { kind: 'letterhead'; realm: string; establishment: string }
  /** "A l'attention de Jean DUPONT." */
  | { kind: 'addressee'; text: string }
  | { kind: 'title'; text: string }
  /** A sentence, optionally ending with an address shown as is (and clickable where the medium allows). */
  | { kind: 'paragraph'; text: string; link?: string }
  /** An address on a line of its own. */
  | { kind: 'link'; url: string }
  /** The children covered by the account, "Prénom NOM"; the annex ends some lists with " :". */
  | { kind: 'children'; names: string[]; colon: boolean }
  /** Identifier and password, printed large and in a monospace font on sheets. */
  | { kind: 'credentials'; lines: Array<{ label: string; value: string }>; note: string | null }
  | { kind: 'signature'; text: string }
  | { kind: 'separator' }
  /** C01/C02: "Activez votre compte responsable en 2 étapes". */
  | { kind: 'steps'; title: string; intro: string; items: string[] };

export interface LetterContent {
  code: LetterCode;
  /** E-mails only (C02, C04, C06, C07); null for printed sheets. */
  subject: string | null;
  /** E-mails only: the sender's display name. */
  sender: string | null;
  blocks: Block[];
}
