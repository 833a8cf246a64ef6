// Progressive enhancement (SPEC §5, seeds 003/004): an eye next to each password field to show what was typed.
// Without JavaScript the fields simply stay masked.
(function () {
  for (const input of document.querySelectorAll('input[data-eye]')) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'eye';
    button.setAttribute('aria-pressed', 'false');
    button.setAttribute('aria-controls', input.id);
    button.textContent = 'Afficher';
    button.setAttribute('aria-label', 'Afficher le mot de passe');
    button.addEventListener('click', function () {
      const shown = input.type === 'text';
      input.type = shown ? 'password' : 'text';
      button.setAttribute('aria-pressed', String(!shown));
      button.textContent = shown ? 'Afficher' : 'Masquer';
      button.setAttribute('aria-label', shown ? 'Afficher le mot de passe' : 'Masquer le mot de passe');
      input.focus();
    });
    input.insertAdjacentElement('afterend', button);
    input.parentElement.classList.add('has-eye');
  }
})();
