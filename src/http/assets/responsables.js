// SPEC §4 Responsables: progressive enhancement of the result table. The header check box selects every row of
// the page and "N responsable(s) sélectionné(s)" counts the guardians of the ticked rows (a box is `account:student`:
// a list prints the ticked rows, notify and reset act on their accounts). Without
// JavaScript the "Tout sélectionner" button does the same through the server.
(() => {
  const form = document.getElementById('selection');
  const all = document.getElementById('tout');
  const counter = document.getElementById('compteur');
  if (!form || !all || !counter) return;
  const rows = Array.from(form.querySelectorAll('input[type="checkbox"][name="accountIds"]'));
  const update = () => {
    const checked = rows.filter((box) => box.checked);
    counter.textContent = String(new Set(checked.map((box) => box.value.split(':')[0])).size);
    all.checked = checked.length > 0 && checked.length === rows.length;
    all.indeterminate = checked.length > 0 && checked.length < rows.length;
  };
  form.addEventListener('change', (event) => {
    const target = event.target;
    if (target === all) {
      for (const box of rows) box.checked = all.checked;
    }
    update();
  });
  all.hidden = false;
  const label = form.querySelector('label[for="tout"]');
  if (label) label.hidden = false;
  const fallback = document.getElementById('tout-sans-js');
  if (fallback) fallback.hidden = true;
  update();
})();
