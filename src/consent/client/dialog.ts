// The consent dialog, built only when it is needed: a modal <dialog> (focus moves into it and stays there,
// Escape closes it without a choice), a checkbox per purpose in use, and Reject all, Accept all and Save
// choices as three buttons of the same look. Under Global Privacy Control marketing is off and cannot be ticked.
import { PURPOSE_LABELS } from '../vendors.js';
import type { Choice } from './choice.js';

export interface DialogOptions {
  purposes: Array<{ purpose: 'statistics' | 'marketing'; services: string[] }>;
  current: Choice | null;
  gpc: boolean;
  stylesheet: string;
  onChoice(choice: Choice): void;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

let stylesheetAdded = false;

function addStylesheet(href: string): Promise<void> {
  if (stylesheetAdded) return Promise.resolve();
  stylesheetAdded = true;
  const link = el('link', { rel: 'stylesheet', href });
  const loaded = new Promise<void>((resolve) => {
    link.addEventListener('load', () => resolve());
    link.addEventListener('error', () => resolve());
  });
  document.head.append(link);
  return loaded;
}

export async function openDialog(options: DialogOptions): Promise<void> {
  if (document.getElementById('consent-dialog')) return;
  await addStylesheet(options.stylesheet);
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const title = el('h2', { id: 'consent-title', tabindex: '-1' }, 'Your privacy choices');
  const intro = el(
    'p',
    { id: 'consent-intro' },
    'We would like to use services of other companies on this site. They load only if you agree, and you can change your mind at any time under “Privacy choices” at the foot of every page. ',
    el('a', { href: '/privacy' }, 'What each collects'),
  );
  const boxes = new Map<'statistics' | 'marketing', HTMLInputElement>();
  const rows = options.purposes.map(({ purpose, services }) => {
    const { name, description } = PURPOSE_LABELS[purpose];
    const id = `consent-${purpose}`;
    const box = el('input', { type: 'checkbox', id, name: purpose, 'aria-describedby': `${id}-about` });
    box.checked = options.current?.[purpose] ?? false;
    const about = el(
      'span',
      { id: `${id}-about`, class: 'consent-about' },
      `${description} Uses: ${services.join(', ')}.`,
    );
    if (purpose === 'marketing' && options.gpc) {
      box.checked = false;
      box.disabled = true;
      about.append(' Your browser sends Global Privacy Control, so this stays off.');
    }
    boxes.set(purpose, box);
    return el('div', { class: 'consent-purpose' }, box, el('label', { for: id }, name), about);
  });
  const button = (value: string, text: string) =>
    el('button', { type: 'submit', value, class: 'consent-button' }, text);
  const form = el(
    'form',
    { method: 'dialog' },
    el('fieldset', {}, el('legend', {}, 'Choose by purpose'), ...rows),
    el(
      'div',
      { class: 'consent-actions' },
      button('reject', 'Reject all'),
      button('accept', 'Accept all'),
      button('save', 'Save choices'),
    ),
  );
  const dialog = el(
    'dialog',
    {
      id: 'consent-dialog',
      class: 'consent-dialog',
      'aria-labelledby': 'consent-title',
      'aria-describedby': 'consent-intro',
    },
    title,
    intro,
    form,
  );
  form.addEventListener('submit', (event) => {
    const action = (event.submitter as HTMLButtonElement | null)?.value ?? 'save';
    const pick = (purpose: 'statistics' | 'marketing') => {
      const box = boxes.get(purpose);
      if (!box || box.disabled) return false;
      return action === 'accept' ? true : action === 'reject' ? false : box.checked;
    };
    options.onChoice({ statistics: pick('statistics'), marketing: pick('marketing') });
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener?.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  // The heading, not a button: focus must not suggest an answer.
  title.focus();
}
