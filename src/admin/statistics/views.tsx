// SPEC §4 Statistiques (guide §6.1): the establishment's summary, the detail per class and per level, the
// date of the last computation and the button to recompute. Labels and number formats are the guide's.
import type { ComponentChildren } from 'preact';
import type { Realm } from '../../realms/realm.ts';
import {
  activatedAccountsShare,
  studentsWithActivatedGuardianShare,
  type EstablishmentStatistics,
  type StateCounts,
} from '../../domain/statistics.ts';
import type { StaffSession } from '../auth/session.ts';
import { AdminLayout, CsrfField, Flash } from '../views/admin-layout.tsx';
import { parisTime } from '../../shared/paris-time.ts';
import type { StoredSnapshot } from './queries.ts';

const COUNT_HEADERS = [
  'Nombre de comptes responsables',
  'Nombre de comptes non notifiés',
  'Nombre de comptes notifiés et non activés',
  "Nombre de comptes en cours d'activation",
  'Nombre de comptes activés',
  '% de comptes resp. avec un compte activé',
] as const;
const STUDENTS_HEADER = "% d'élèves ayant au moins un resp. avec un compte activé";

export const TOTALS_NOTE =
  'Il est normal que les nombres en ligne « Total » du détail par classe et par niveau ne soient pas les mêmes que ceux du tableau de synthèse. ' +
  'En effet un même responsable peut avoir plusieurs enfants dans la même école, dans des classes et des niveaux différents.';

/** "Dernière mise à jour le JJ-MM-AAAA à HH:MM:SS", Paris time. */
export function lastUpdate(at: Date): string {
  const t = parisTime(at);
  return `Dernière mise à jour le ${t.day}-${t.month}-${t.year} à ${t.hour}:${t.minute}:${t.second}`;
}

function CountCells({ counts }: { counts: StateCounts }) {
  return (
    <>
      <td class="num">{counts.accounts}</td>
      <td class="num">{counts.byState.non_notifie}</td>
      <td class="num">{counts.byState.notifie}</td>
      <td class="num">{counts.byState.en_cours}</td>
      <td class="num">{counts.byState.active}</td>
      <td class="num">{activatedAccountsShare(counts)}</td>
    </>
  );
}

function HeaderCells() {
  return (
    <>
      {COUNT_HEADERS.map((h) => (
        <th scope="col" class="num">
          {h}
        </th>
      ))}
    </>
  );
}

function SummaryTable({ stats }: { stats: EstablishmentStatistics }) {
  return (
    <table class="data" id="synthese">
      <caption>Synthèse des comptes responsables de la structure</caption>
      <thead>
        <tr>
          <HeaderCells />
          <th scope="col" class="num">
            {STUDENTS_HEADER}
          </th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <CountCells counts={stats.summary} />
          <td class="num">{studentsWithActivatedGuardianShare(stats.summary)}</td>
        </tr>
      </tbody>
    </table>
  );
}

interface DetailRow extends StateCounts {
  key: string;
  name: ComponentChildren;
}

function DetailTable({ id, caption, first, rows, total }: { id: string; caption: string; first: string; rows: DetailRow[]; total: StateCounts }) {
  return (
    <table class="data" id={id}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <HeaderCells />
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.name}</th>
            <CountCells counts={row} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <CountCells counts={total} />
        </tr>
      </tfoot>
    </table>
  );
}

function levelName(code: string | null, label: string | null): ComponentChildren {
  if (code === null) return 'Non renseigné';
  return label && label !== code ? <abbr title={label}>{code}</abbr> : code;
}

export interface StatisticsPageProps {
  realm: Realm;
  session: StaffSession;
  snapshot: StoredSnapshot | null;
  computed?: boolean;
}

export function StatisticsPage({ realm, session, snapshot, computed }: StatisticsPageProps) {
  const stats = snapshot?.data;
  return (
    <AdminLayout realm={realm} title="Statistiques" session={session} tab="statistiques">
      <h1>Statistiques pour les comptes responsables</h1>
      {computed && <Flash kind="success">Les statistiques ont été calculées.</Flash>}
      <form method="post" action="/admin/statistiques/calculer" class="actions">
        <CsrfField session={session} />
        <button type="submit">Calculer les statistiques</button>
      </form>
      {!snapshot || !stats ? (
        <p class="notice">
          Les statistiques de cet établissement n'ont pas encore été calculées : cliquez sur « Calculer les statistiques »
          pour les obtenir. Elles sont ensuite recalculées automatiquement chaque nuit.
        </p>
      ) : (
        <>
          <SummaryTable stats={stats} />
          <DetailTable
            id="par-classe"
            caption="Synthèse des comptes responsables par classe"
            first="Classe"
            rows={stats.classes.map((c, i) => ({ ...c, key: `c${i}`, name: c.label ?? 'Non renseignée' }))}
            total={stats.classTotal}
          />
          <DetailTable
            id="par-niveau"
            caption="Synthèse des comptes responsables par niveau"
            first="Niveau"
            rows={stats.levels.map((l, i) => ({ ...l, key: `l${i}`, name: levelName(l.code, l.label) }))}
            total={stats.levelTotal}
          />
          <p id="derniere-mise-a-jour">{lastUpdate(snapshot.computedAt)}</p>
          <p>{TOTALS_NOTE}</p>
          <p>
            Les valeurs affichées sont celles du dernier calcul (chaque nuit, ou à la demande avec le bouton « Calculer les
            statistiques ») et ne reflètent donc pas forcément la réalité à un instant donné.
          </p>
        </>
      )}
    </AdminLayout>
  );
}
