// Progressive enhancement of "Expand article": a real button with aria-expanded, and focus moved to
// the text it reveals. Without this script the CSS checkbox does the same job.
export function enhanceExpandArticle(root: Document): void {
  const toggle = root.querySelector<HTMLInputElement>('.expand-toggle');
  const label = root.querySelector<HTMLLabelElement>('.expand-label');
  const rest = root.getElementById('article-rest');
  if (!toggle || !label || !rest) return;
  const button = root.createElement('button');
  button.type = 'button';
  button.className = 'expand-button';
  button.textContent = label.textContent;
  button.setAttribute('aria-controls', rest.id);
  button.setAttribute('aria-expanded', 'false');
  button.addEventListener('click', () => {
    toggle.checked = true;
    button.setAttribute('aria-expanded', 'true');
    rest.setAttribute('tabindex', '-1');
    rest.focus({ preventScroll: true });
  });
  toggle.setAttribute('tabindex', '-1');
  toggle.setAttribute('aria-hidden', 'true');
  label.replaceWith(button);
}
