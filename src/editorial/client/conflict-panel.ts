// The notice above the form when autosave met a newer version: it says so once, and offers the comparison
// the server makes when the form is sent.

/** Shows the notice, unless it is already shown. */
export function showConflictPanel(form: HTMLFormElement, message: string): void {
  if (document.getElementById('autosave-conflict')) return;
  const panel = document.createElement('section');
  panel.id = 'autosave-conflict';
  panel.className = 'panel conflict';
  panel.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent = message;
  const compare = document.createElement('button');
  compare.type = 'submit';
  compare.name = 'intent';
  compare.value = 'save';
  compare.setAttribute('form', 'article-form');
  compare.textContent = 'Compare with the newer version';
  panel.append(text, compare);
  form.before(panel);
}
