// SPEC §4 Responsables, zone 1 (guide §5.1): the criteria and the "Rechercher" button. A GET form: a search is
// a link the admin may keep, and it changes nothing.
import { ACCOUNT_ORIGIN_LABELS, ACCOUNT_ORIGINS, ACCOUNT_STATE_LABELS, ACCOUNT_STATES } from '../../../domain/account-state.ts';
import type { SearchCriteria } from '../search-criteria.ts';
import type { ClassOption } from '../search-query.ts';

const MAIL_LABELS = { avec: 'Avec adresse mail', sans: 'Sans adresse mail' } as const;

function Check({ name, value, id, label, checked }: { name: string; value: string; id: string; label: string; checked: boolean }) {
  return (
    <span class="check">
      <input type="checkbox" name={name} value={value} id={id} checked={checked} />
      <label for={id}>{label}</label>
    </span>
  );
}

export function CriteriaForm({ criteria, classes }: { criteria: SearchCriteria; classes: ClassOption[] }) {
  return (
    <form method="get" action="/admin/responsables" class="card criteria" aria-labelledby="criteres">
      <h2 id="criteres">Critères de recherche</h2>
      <input type="hidden" name="rechercher" value="1" />
      <input type="hidden" name="tri" value={criteria.tri} />
      <input type="hidden" name="ordre" value={criteria.ordre} />
      <div class="field">
        <label for="texte">Nom ou prénom d'un élève ou d'un responsable</label>
        <input type="search" id="texte" name="texte" value={criteria.texte} maxLength={100} size={40} />
      </div>
      {classes.length > 0 && (
        <fieldset>
          <legend>Classes</legend>
          <div class="checks">
            {classes.map((c) => (
              <Check name="classe" value={String(c.id)} id={`classe-${c.id}`} label={c.label} checked={criteria.classes === null || criteria.classes.includes(c.id)} />
            ))}
          </div>
        </fieldset>
      )}
      <fieldset>
        <legend>États de compte</legend>
        <div class="checks">
          {ACCOUNT_STATES.map((s) => (
            <Check name="etat" value={s} id={`etat-${s}`} label={ACCOUNT_STATE_LABELS[s]} checked={criteria.etats.includes(s)} />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Messagerie</legend>
        <div class="checks">
          {(['avec', 'sans'] as const).map((m) => (
            <Check name="messagerie" value={m} id={`messagerie-${m}`} label={MAIL_LABELS[m]} checked={criteria.messagerie.includes(m)} />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Origine du compte</legend>
        <div class="checks">
          {ACCOUNT_ORIGINS.map((o) => (
            <Check name="origine" value={o} id={`origine-${o}`} label={ACCOUNT_ORIGIN_LABELS[o]} checked={criteria.origines.includes(o)} />
          ))}
        </div>
      </fieldset>
      <button type="submit">Rechercher</button>
    </form>
  );
}
