// SPEC §4 Responsables, zones 2 and 3 (guide §5.1, §5.3.1, §5.4, §5.5.1): the actions on the checked accounts
// and the result table. One POST form; each menu entry is a submit button with its own formaction.
import { ACCOUNT_ORIGIN_LABELS, ACCOUNT_STATE_LABELS } from '../../../domain/account-state.ts';
import type { StaffSession } from '../../auth/session.ts';
import { CsrfField } from '../../views/admin-layout.tsx';
import { listName } from '../format.ts';
import { frenchDate } from '../../../shared/paris-time.ts';
import { criteriaParams, searchHref, type SearchCriteria, type SortKey } from '../search-criteria.ts';
import type { ResultPage, ResultRow } from '../search-query.ts';
import { MENU } from './labels.ts';
import { Pager } from './pager.tsx';

const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'eleve', label: 'Elève' },
  { key: 'classe', label: 'Classe' },
  { key: 'responsable', label: 'Responsable' },
  { key: 'identifiant', label: 'Identifiant' },
  { key: 'messagerie', label: 'Messagerie' },
  { key: 'origine', label: 'Origine du compte' },
  { key: 'etat', label: 'État de compte' },
  { key: 'distribution', label: 'Date de distribution' },
  { key: 'acces', label: 'Date de dernier accès' },
];

function SortHeader({ criteria, column }: { criteria: SearchCriteria; column: (typeof COLUMNS)[number] }) {
  const current = criteria.tri === column.key;
  const next = current && criteria.ordre === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" aria-sort={current ? (criteria.ordre === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={searchHref({ ...criteria, tri: column.key, ordre: next })}>
        {column.label}
        <span class="visually-hidden">{` (trier par ordre ${next === 'asc' ? 'croissant' : 'décroissant'})`}</span>
        {current && <span aria-hidden="true">{criteria.ordre === 'asc' ? ' ▲' : ' ▼'}</span>}
      </a>
    </th>
  );
}

function Row({ row, checked }: { row: ResultRow; checked: boolean }) {
  const id = `sel-${row.studentId}-${row.guardianId}`;
  const guardian = listName({ firstName: row.guardianFirstName, lastName: row.guardianLastName });
  const student = listName({ firstName: row.studentFirstName, lastName: row.studentLastName });
  return (
    <tr>
      <td class="select">
        {/* The row, not only the account: a list prints the ticked rows (SPEC §4), notify and reset act on their accounts. */}
        <input type="checkbox" name="accountIds" value={`${row.accountId}:${row.studentId}`} id={id} checked={checked} />
        <label for={id} class="visually-hidden">{`Sélectionner ${guardian}, responsable de ${student}`}</label>
      </td>
      <td>{student}</td>
      <td>{row.classLabel ?? ''}</td>
      <td>{guardian}</td>
      <td class="identifier">{row.identifier}</td>
      <td class="mail">
        <span aria-hidden="true">{row.hasEmail ? '✉' : '✗'}</span>
        <span class="visually-hidden">{row.hasEmail ? 'Oui' : 'Non'}</span>
      </td>
      <td>{ACCOUNT_ORIGIN_LABELS[row.origin]}</td>
      <td>
        <span class={`etat etat-${row.state}`}>{ACCOUNT_STATE_LABELS[row.state]}</span>
      </td>
      <td>{frenchDate(row.distributedAt)}</td>
      <td>{frenchDate(row.lastLoginAt)}</td>
      <td>
        <a href={`/admin/responsables/compte/${row.accountId}`}>
          Consulter<span class="visually-hidden">{` le compte de ${guardian} (${row.identifier})`}</span>
        </a>
      </td>
    </tr>
  );
}

function Actions() {
  return (
    <div class="actions">
      <fieldset>
        <legend>{MENU.notifyMany}</legend>
        <p class="check">
          <input type="checkbox" id="reinitialiser" name="reinitialiser" value="1" />
          <label for="reinitialiser">{MENU.withReset}</label>
        </p>
        <button type="submit" name="canal" value="sheet" formaction="/admin/responsables/notifier">
          {MENU.bySheets}
        </button>{' '}
        <button type="submit" name="canal" value="email" formaction="/admin/responsables/notifier">
          {MENU.byEmail}
        </button>
      </fieldset>
      <fieldset>
        <legend>{MENU.list}</legend>
        <button type="submit" name="format" value="pdf" formaction="/admin/responsables/liste">
          {MENU.listPdf}
        </button>{' '}
        <button type="submit" name="format" value="csv" formaction="/admin/responsables/liste">
          {MENU.listCsv}
        </button>
      </fieldset>
      <fieldset>
        <legend>{MENU.modifyMany}</legend>
        <button type="submit" formaction="/admin/responsables/reinitialiser">
          {MENU.resetMany}
        </button>
      </fieldset>
    </div>
  );
}

export interface ResultsZoneProps {
  session: StaffSession;
  criteria: SearchCriteria;
  result: ResultPage;
  /** "Tout sélectionner" without JavaScript: the page comes back with every row checked. */
  selectAll: boolean;
}

export function ResultsZone({ session, criteria, result, selectAll }: ResultsZoneProps) {
  const checkedAccounts = selectAll ? new Set(result.rows.map((r) => r.accountId)).size : 0;
  const toggle = criteriaParams(criteria, { page: String(result.page), ...(selectAll ? {} : { tout: '1' }) });
  return (
    <section aria-labelledby="resultats" class="results">
      <h2 id="resultats">Gestion des comptes responsables</h2>
      {/* The no-JS "Tout sélectionner": its own GET form, so that neither the token nor the ids go in a URL. */}
      <form id="tout-selectionner" method="get" action="/admin/responsables">
        {[...toggle].map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
      </form>
      <form id="selection" method="post" action="/admin/responsables/notifier">
        <CsrfField session={session} />
        <input type="hidden" name="depuis" value="liste" />
        <p class="selection-count" aria-live="polite">
          <span id="compteur">{checkedAccounts}</span> responsable(s) sélectionné(s)
        </p>
        <Actions />
        <table class="data results-table">
          <caption class="visually-hidden">Responsables correspondant aux critères</caption>
          <thead>
            <tr>
              <th scope="col" class="select">
                <input type="checkbox" id="tout" hidden checked={selectAll} />
                <label for="tout" class="visually-hidden" hidden>
                  Sélectionner toutes les lignes de la page
                </label>
                <button type="submit" form="tout-selectionner" class="secondary small" id="tout-sans-js">
                  {selectAll ? 'Tout désélectionner' : 'Tout sélectionner'}
                </button>
              </th>
              {COLUMNS.map((column) => (
                <SortHeader criteria={criteria} column={column} />
              ))}
              <th scope="col">Compte</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row) => (
              <Row row={row} checked={selectAll} />
            ))}
          </tbody>
        </table>
      </form>
      <Pager criteria={criteria} page={result.page} pageCount={result.pageCount} rows={result.rows.length} total={result.total} />
      <script src="/assets/responsables.js" defer />
    </section>
  );
}
