// SPEC §4 Responsables (guide §5.1): the search criteria, their defaults, and how they travel in a query string
// and in the session (search memory). Sort keys come from a whitelist: an unknown one gives the default.
import { z } from 'zod';
import { ACCOUNT_ORIGINS, ACCOUNT_STATES, type AccountOrigin, type AccountState } from '../../domain/account-state.ts';

export const SORT_KEYS = ['eleve', 'classe', 'responsable', 'identifiant', 'messagerie', 'origine', 'etat', 'distribution', 'acces'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';
export const MAIL_OPTIONS = ['avec', 'sans'] as const;
export type MailOption = (typeof MAIL_OPTIONS)[number];

export interface SearchCriteria {
  /** Text searched in the names and first names of students and guardians. */
  texte: string;
  /** Class ids of the establishment; null = every class (then students without a class show too). */
  classes: number[] | null;
  etats: AccountState[];
  messagerie: MailOption[];
  origines: AccountOrigin[];
  tri: SortKey;
  ordre: SortOrder;
}

export const DEFAULT_CRITERIA: SearchCriteria = {
  texte: '',
  classes: null,
  etats: [...ACCOUNT_STATES],
  messagerie: [...MAIL_OPTIONS],
  origines: [...ACCOUNT_ORIGINS],
  tri: 'eleve',
  ordre: 'asc',
};

export const PAGE_SIZE = 50;
const MAX_TEXT = 100;

/** A repeated form field arrives as a string or an array; either way, a list of strings. */
const list = z.preprocess((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(z.unknown()));

function pick<T extends string>(values: unknown[], allowed: readonly T[]): T[] {
  const chosen = new Set(values.filter((v): v is T => typeof v === 'string' && (allowed as readonly string[]).includes(v)));
  // Nothing ticked reads as "all": an empty filter would only ever show the "no result" message.
  return chosen.size === 0 ? [...allowed] : allowed.filter((v) => chosen.has(v));
}

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

const queryShape = z.object({
  texte: z.preprocess(first, z.string().optional()),
  classe: list,
  etat: list,
  messagerie: list,
  origine: list,
  tri: z.preprocess(first, z.string().optional()),
  ordre: z.preprocess(first, z.string().optional()),
  page: z.preprocess(first, z.string().optional()),
  rechercher: z.preprocess(first, z.string().optional()),
  retour: z.preprocess(first, z.string().optional()),
  tout: z.preprocess(first, z.string().optional()),
});

export interface SearchRequest {
  /** How the admin came in: a search asked for, a return from an account page, or any other way. */
  mode: 'search' | 'return' | 'fresh';
  criteria: SearchCriteria;
  page: number;
  /** "Tout sélectionner" without JavaScript: every row of the page comes back checked. */
  selectAll: boolean;
}

/**
 * Reads the query string of GET /admin/responsables. Class ids are kept only when they are classes of the
 * establishment; ticking them all means "every class".
 */
export function parseSearchQuery(query: unknown, establishmentClassIds: readonly number[]): SearchRequest {
  const q = queryShape.parse(query ?? {});
  const mode = q.retour === '1' ? 'return' : q.rechercher === '1' ? 'search' : 'fresh';
  const page = Number.parseInt(q.page ?? '1', 10);
  const criteria: SearchCriteria = {
    texte: (q.texte ?? '').trim().slice(0, MAX_TEXT),
    classes: normalizeClasses(
      q.classe.map((v) => Number(v)),
      establishmentClassIds,
    ),
    etats: pick(q.etat, ACCOUNT_STATES),
    messagerie: pick(q.messagerie, MAIL_OPTIONS),
    origines: pick(q.origine, ACCOUNT_ORIGINS),
    tri: (SORT_KEYS as readonly string[]).includes(q.tri ?? '') ? (q.tri as SortKey) : DEFAULT_CRITERIA.tri,
    ordre: q.ordre === 'desc' ? 'desc' : 'asc',
  };
  return { mode, criteria, page: Number.isFinite(page) && page > 0 ? page : 1, selectAll: q.tout === '1' };
}

function normalizeClasses(ids: number[], establishmentClassIds: readonly number[]): number[] | null {
  const own = new Set(establishmentClassIds);
  const kept = [...new Set(ids.filter((id) => Number.isInteger(id) && own.has(id)))].sort((a, b) => a - b);
  return kept.length === 0 || kept.length === own.size ? null : kept;
}

const storedShape = z.object({
  texte: z.string().max(MAX_TEXT),
  classes: z.array(z.number().int()).nullable(),
  etats: z.array(z.enum(ACCOUNT_STATES)),
  messagerie: z.array(z.enum(MAIL_OPTIONS)),
  origines: z.array(z.enum(ACCOUNT_ORIGINS)),
  tri: z.enum(SORT_KEYS),
  ordre: z.enum(['asc', 'desc']),
});

/** The criteria remembered in the session (SPEC §4 search memory), or null when none or unreadable. */
export function rememberedCriteria(stored: Record<string, unknown> | null, establishmentClassIds: readonly number[]): SearchCriteria | null {
  const parsed = storedShape.safeParse(stored);
  if (!parsed.success) return null;
  const { classes, ...rest } = parsed.data;
  return { ...rest, classes: classes === null ? null : normalizeClasses(classes, establishmentClassIds) };
}

/** The query string that runs `criteria` (and shows `page`), for links: sort headers, pages, "Tout sélectionner". */
export function criteriaParams(criteria: SearchCriteria, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (criteria.texte) params.set('texte', criteria.texte);
  for (const id of criteria.classes ?? []) params.append('classe', String(id));
  if (criteria.etats.length < ACCOUNT_STATES.length) for (const s of criteria.etats) params.append('etat', s);
  if (criteria.messagerie.length < MAIL_OPTIONS.length) for (const m of criteria.messagerie) params.append('messagerie', m);
  if (criteria.origines.length < ACCOUNT_ORIGINS.length) for (const o of criteria.origines) params.append('origine', o);
  params.set('tri', criteria.tri);
  params.set('ordre', criteria.ordre);
  params.set('rechercher', '1');
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params;
}

export function searchHref(criteria: SearchCriteria, extra: Record<string, string> = {}): string {
  return `/admin/responsables?${criteriaParams(criteria, extra).toString()}`;
}
