// SPEC §4 "exact wording": dates JJ-MM-AAAA as the guide prints them, names as "NOM Prénom".

// French schools: the console shows the date of the school's day, not UTC's.
const PARIS_DATE = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' });
const PARIS_PARTS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A moment as JJ-MM-AAAA (Europe/Paris); empty for none. */
export function frenchDate(at: Date | string | null | undefined): string {
  if (at === null || at === undefined) return '';
  return PARIS_DATE.format(typeof at === 'string' ? new Date(at) : at).replaceAll('/', '-');
}

/** A calendar date (YYYY-MM-DD, e.g. a birth date) as JJ-MM-AAAA, without any time zone. */
export function frenchCalendarDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}-${month}-${year}`;
}

/** AAAAMMJJHHMMSS (Europe/Paris), the stamp of exported file names (SPEC §4). */
export function fileStamp(at: Date): string {
  const parts = Object.fromEntries(PARIS_PARTS.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}${parts.month}${parts.day}${parts.hour}${parts.minute}${parts.second}`;
}

/** "REABU Guillaume": the guide's form for students and guardians in the console. */
export function listName(person: { firstName: string; lastName: string }): string {
  return `${person.lastName.trim().toLocaleUpperCase('fr-FR')} ${person.firstName.trim()}`;
}
