// SPEC §4 Lister les comptes (guide §5.4), CSV: UTF-8 with a BOM and `;` for Excel, CRLF, the guide's header.
import { stringify } from 'csv-stringify/sync';

export const LIST_CSV_HEADER = [
  'RNE',
  'Ecole',
  "Nom de l'élève",
  "Prénom de l'élève",
  "Niveau de l'élève",
  "Classe de l'élève",
  'Nom du responsable',
  'Prénom du responsable',
  'Identifiant',
  'Mot de passe',
] as const;

export interface ListLine {
  studentLastName: string;
  studentFirstName: string;
  level: string;
  className: string;
  guardianLastName: string;
  guardianFirstName: string;
  identifier: string;
  password: string;
}

// A cell a spreadsheet would run as a formula (OWASP "CSV injection") is kept as text.
function inert(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function listCsv(establishment: { uai: string; name: string }, lines: readonly ListLine[]): Buffer {
  const records = lines.map((l) =>
    [
      establishment.uai,
      establishment.name,
      l.studentLastName,
      l.studentFirstName,
      l.level,
      l.className,
      l.guardianLastName,
      l.guardianFirstName,
      l.identifier,
      l.password,
    ].map(inert),
  );
  const text = stringify([[...LIST_CSV_HEADER], ...records], { delimiter: ';', record_delimiter: 'windows', bom: true });
  return Buffer.from(text, 'utf8');
}
