// Small modal dialogs for the editor, built with the DOM (no inline script or style, so the CSP holds):
// the dialog itself, and a form of a few labelled fields.

export interface DialogField {
  name: string;
  label: string;
  value?: string;
  type?: 'text' | 'url' | 'textarea';
  /** A choice among these [value, label] pairs instead of typed text. */
  options?: Array<[string, string]>;
  required?: boolean;
  hint?: string;
  /** Returns a message when the value is not acceptable. */
  check?: (value: string) => string | null;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const el: HTMLElementTagNameMap[K] = document.createElement(tag);
  Object.assign(el, props);
  el.append(...children);
  return el;
}

let counter = 0;

/** Opens a modal dialog; `number` makes the ids of what is put in it unique on the page. */
export function openDialog(title: string): {
  dialog: HTMLDialogElement;
  body: HTMLElement;
  close: () => void;
  number: number;
} {
  const number = ++counter;
  const heading = element('h2', { id: `dialog-title-${number}` }, title);
  const body = element('div');
  const dialog = element('dialog', { className: 'editor-dialog' }, heading, body);
  dialog.setAttribute('aria-labelledby', heading.id);
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, body, close: () => dialog.close(), number };
}

/** Asks for a few values; resolves null when cancelled. */
export function askFields(
  title: string,
  fields: DialogField[],
  submitLabel: string,
): Promise<Record<string, string> | null> {
  return new Promise((resolve) => {
    const { dialog, body, close, number } = openDialog(title);
    const form = element('form', { method: 'dialog', noValidate: true });
    const inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>();
    for (const f of fields) {
      const id = `dialog-${number}-${f.name}`;
      let input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
      if (f.options) {
        const select = document.createElement('select');
        for (const [value, label] of f.options) select.add(new Option(label, value));
        input = select;
      } else if (f.type === 'textarea') {
        input = document.createElement('textarea');
        input.rows = 4;
      } else {
        input = document.createElement('input');
        input.type = f.type ?? 'text';
      }
      // A choice starts on its first option, never on none.
      Object.assign(input, { id, name: f.name, value: f.value ?? f.options?.[0]?.[0] ?? '' });
      inputs.set(f.name, input);
      const wrap = element('div', { className: 'field' }, element('label', { htmlFor: id }, f.label), input);
      if (f.hint) wrap.append(element('p', { className: 'hint' }, f.hint));
      form.append(wrap);
    }
    const error = element('p', { className: 'field-error', hidden: true });
    error.setAttribute('role', 'alert');
    const cancel = element('button', { type: 'button', className: 'secondary' }, 'Cancel');
    form.append(
      error,
      element('div', { className: 'actions' }, element('button', { type: 'submit' }, submitLabel), cancel),
    );
    body.append(form);

    let result: Record<string, string> | null = null;
    form.addEventListener('submit', (event) => {
      const values: Record<string, string> = {};
      for (const f of fields) {
        const value = inputs.get(f.name)!.value.trim();
        const problem =
          f.required && !value ? `${f.label} is required.` : value ? (f.check?.(value) ?? null) : null;
        if (problem) {
          event.preventDefault();
          error.textContent = problem;
          error.hidden = false;
          inputs.get(f.name)!.focus();
          return;
        }
        values[f.name] = value;
      }
      result = values;
    });
    cancel.addEventListener('click', close);
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
  });
}
