// SPEC §4 "exact wording": calendar dates JJ-MM-AAAA as the guide prints them, names as "NOM Prénom".

/** A calendar date (YYYY-MM-DD, e.g. a birth date) as JJ-MM-AAAA, without any time zone. */
export function frenchCalendarDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}-${month}-${year}`;
}

/** "REABU Guillaume": the guide's form for students and guardians in the console. */
export function listName(person: { firstName: string; lastName: string }): string {
  return `${person.lastName.trim().toLocaleUpperCase('fr-FR')} ${person.firstName.trim()}`;
}
