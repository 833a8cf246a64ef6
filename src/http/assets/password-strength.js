// Progressive enhancement (SPEC §3.2, seeds 003/004): a strength bar under each input[data-strength], with a
// text label announced politely. Same scale as passwordStrength() in src/domain/password-policy.ts (0 to 4),
// without its list of common passwords: the form's rules, printed and checked by the server, still refuse them.
// Without JavaScript nothing is added: the rule printed under the field is enough.
(function () {
  var LABELS = ['Faible', 'Faible', 'Moyen', 'Bon', 'Très bon'];
  var MIN_LENGTH = 8;

  function strength(password) {
    var chars = Array.from(password.normalize('NFC'));
    if (chars.length < MIN_LENGTH) return 0;
    // Repeating a handful of characters adds length but almost no guessing work.
    if (new Set(chars).size <= 3) return 1;
    var classes = new Set();
    chars.forEach(function (c) {
      if (/\p{Lu}/u.test(c)) classes.add('upper');
      else if (/\p{L}/u.test(c)) classes.add('lower');
      else if (/\p{Nd}/u.test(c)) classes.add('digit');
      else classes.add('other');
    });
    var lengthPoints = chars.length >= 20 ? 3 : chars.length >= 14 ? 2 : chars.length >= 10 ? 1 : 0;
    return Math.min(4, Math.max(1, lengthPoints + classes.size - 1));
  }

  document.querySelectorAll('input[data-strength]').forEach(function (input) {
    var box = document.createElement('div');
    box.className = 'strength';
    box.setAttribute('data-level', '');
    var bar = document.createElement('div');
    bar.className = 'strength-bar';
    bar.setAttribute('aria-hidden', 'true');
    bar.appendChild(document.createElement('span'));
    var label = document.createElement('p');
    label.className = 'strength-label';
    label.id = input.id + '-strength';
    label.setAttribute('aria-live', 'polite');
    box.appendChild(bar);
    box.appendChild(label);
    var anchor = input.parentElement && input.parentElement.classList.contains('input-wrap') ? input.parentElement : input;
    anchor.insertAdjacentElement('afterend', box);

    var shown = '';
    function update() {
      var level = input.value === '' ? '' : String(strength(input.value));
      if (level === shown) return; // announce a change, not every keystroke
      shown = level;
      box.setAttribute('data-level', level);
      label.textContent = level === '' ? '' : 'Force du mot de passe : ' + LABELS[Number(level)];
    }
    input.addEventListener('input', update);
    update();
  });
})();
