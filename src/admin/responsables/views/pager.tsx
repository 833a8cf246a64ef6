// SPEC §4: "1 à 9 sur 9 élève(s)", Précédent / pages / Suivant — links that re-run the same criteria.
import { PAGE_SIZE, searchHref, type SearchCriteria } from '../search-criteria.ts';

/** The page numbers to show: the first, the last, and two either side of the current one. */
export function pageNumbers(page: number, pageCount: number): Array<number | 'gap'> {
  const shown = [...new Set([1, pageCount, ...[-2, -1, 0, 1, 2].map((d) => page + d)])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const out: Array<number | 'gap'> = [];
  for (const n of shown) {
    const last = out[out.length - 1];
    if (typeof last === 'number' && n - last > 1) out.push('gap');
    out.push(n);
  }
  return out;
}

export function rangeText(page: number, rows: number, total: number): string {
  const from = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  return `${from} à ${from + rows - 1} sur ${total} élève(s)`;
}

export function Pager({ criteria, page, pageCount, rows, total }: { criteria: SearchCriteria; page: number; pageCount: number; rows: number; total: number }) {
  const href = (n: number) => searchHref(criteria, { page: String(n) });
  return (
    <nav class="pager" aria-label="Pages de résultats">
      <span class="range">{rangeText(page, rows, total)}</span>
      {page > 1 ? <a href={href(page - 1)}>Précédent</a> : <span class="disabled">Précédent</span>}
      {pageNumbers(page, pageCount).map((n) =>
        n === 'gap' ? (
          <span aria-hidden="true">…</span>
        ) : n === page ? (
          <a href={href(n)} aria-current="page" class="current">
            <span class="visually-hidden">Page </span>
            {n}
          </a>
        ) : (
          <a href={href(n)}>
            <span class="visually-hidden">Page </span>
            {n}
          </a>
        ),
      )}
      {page < pageCount ? <a href={href(page + 1)}>Suivant</a> : <span class="disabled">Suivant</span>}
    </nav>
  );
}
