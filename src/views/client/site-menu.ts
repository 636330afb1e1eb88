// Progressive enhancement of the phone menu: the checkbox's label becomes a real button that says whether the
// menu is open (aria-expanded). Without this script the CSS checkbox opens and closes it the same way.
export function enhanceSiteMenu(root: Document): void {
  const toggle = root.querySelector<HTMLInputElement>('.site-menu-toggle');
  const label = root.querySelector<HTMLLabelElement>('.site-menu-label');
  const menu = root.getElementById('site-menu');
  if (!toggle || !label || !menu) return;
  const button = root.createElement('button');
  button.type = 'button';
  button.className = 'site-menu-button';
  button.textContent = label.textContent;
  button.setAttribute('aria-controls', menu.id);
  button.setAttribute('aria-expanded', String(toggle.checked));
  button.addEventListener('click', () => {
    toggle.checked = !toggle.checked;
    button.setAttribute('aria-expanded', String(toggle.checked));
  });
  toggle.setAttribute('tabindex', '-1');
  toggle.setAttribute('aria-hidden', 'true');
  label.replaceWith(button);
}
