// The console shows and names files in the schools' local time (Europe/Paris), whatever the server's zone.

export interface ParisTime {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const PARIS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock fields of an instant in Paris, zero-padded. */
export function parisTime(at: Date): ParisTime {
  const parts = Object.fromEntries(PARIS.formatToParts(at).map((p) => [p.type, p.value]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** AAAAMMJJHHMMSS, as in the names of exported lists (guide §5.4). */
export function compactParisTimestamp(at: Date): string {
  const t = parisTime(at);
  return `${t.year}${t.month}${t.day}${t.hour}${t.minute}${t.second}`;
}

/** JJ-MM-AAAA in Paris, as the guide prints dates (SPEC §4 "exact wording"); empty for none. */
export function frenchDate(at: Date | string | null | undefined): string {
  if (at === null || at === undefined) return '';
  const t = parisTime(typeof at === 'string' ? new Date(at) : at);
  return `${t.day}-${t.month}-${t.year}`;
}
