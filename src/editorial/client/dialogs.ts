// Small modal dialogs for the editor, built with the DOM (no inline script or style, so the CSP holds):
// a form of a few labelled fields, and the image chooser that searches the media library.
import type { MediaInfo } from './nodes.js';

export interface DialogField {
  name: string;
  label: string;
  value?: string;
  type?: 'text' | 'url' | 'textarea';
  required?: boolean;
  hint?: string;
  /** Returns a message when the value is not acceptable. */
  check?: (value: string) => string | null;
}

function element<K extends keyof HTMLElementTagNameMap>(
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

function openDialog(title: string): { dialog: HTMLDialogElement; body: HTMLElement; close: () => void } {
  const heading = element('h2', { id: `dialog-title-${++counter}` }, title);
  const body = element('div');
  const dialog = element('dialog', { className: 'editor-dialog' }, heading, body);
  dialog.setAttribute('aria-labelledby', heading.id);
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, body, close: () => dialog.close() };
}

/** Asks for a few values; resolves null when cancelled. */
export function askFields(
  title: string,
  fields: DialogField[],
  submitLabel: string,
): Promise<Record<string, string> | null> {
  return new Promise((resolve) => {
    const { dialog, body, close } = openDialog(title);
    const form = element('form', { method: 'dialog', noValidate: true });
    const inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
    for (const f of fields) {
      const id = `dialog-${counter}-${f.name}`;
      let input: HTMLInputElement | HTMLTextAreaElement;
      if (f.type === 'textarea') {
        input = document.createElement('textarea');
        input.rows = 4;
      } else {
        input = document.createElement('input');
        input.type = f.type ?? 'text';
      }
      Object.assign(input, { id, name: f.name, value: f.value ?? '' });
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

interface PickedMedia {
  id: number;
  altText: string;
  caption: string;
  credit: string;
  previewUrl: string;
  licence?: string;
}

/** Lets the writer pick an image from the library by looking at it; resolves null when cancelled. */
export function chooseImage(title: string): Promise<MediaInfo | null> {
  return new Promise((resolve) => {
    const { dialog, body, close } = openDialog(title);
    const search = element('input', { type: 'search', id: `dialog-${counter}-search` });
    const status = element('p', { className: 'hint' }, 'Loading the library…');
    status.setAttribute('role', 'status');
    const grid = element('ul', { className: 'media-grid' });
    const cancel = element('button', { type: 'button', className: 'secondary' }, 'Cancel');
    const picker = `/admin/media/picker?return=${encodeURIComponent(location.pathname)}`;
    const upload = element('a', { href: picker, target: 'media-picker' }, 'Upload or find it in the library');
    body.append(
      element(
        'div',
        { className: 'field' },
        element('label', { htmlFor: search.id }, 'Search captions, credits and alt text'),
        search,
      ),
      status,
      grid,
      element(
        'p',
        {},
        'Not there yet? ',
        upload,
        ' (opens the media library; the image you choose there comes back here).',
      ),
      element('div', { className: 'actions' }, cancel),
    );
    let chosen: MediaInfo | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;

    async function load(q: string) {
      try {
        const response = await fetch(`/admin/articles/media-choices?q=${encodeURIComponent(q)}`, {
          headers: { accept: 'application/json' },
          credentials: 'same-origin',
        });
        if (!response.ok) throw new Error(String(response.status));
        const { items } = (await response.json()) as { items: MediaInfo[] };
        grid.replaceChildren(
          ...items.map((item) => {
            const label = item.caption || item.altText || `Image #${item.id}`;
            const button = element(
              'button',
              { type: 'button', className: 'media-choice' },
              item.thumbUrl ? element('img', { src: item.thumbUrl, alt: '' }) : '',
              element('span', {}, label),
              element('span', { className: 'muted' }, item.credit ? `Image by ${item.credit}` : 'No credit'),
              item.altText ? '' : element('span', { className: 'editor-warning' }, 'No alt text'),
              item.licence ? element('span', { className: 'editor-warning' }, item.licence) : '',
            );
            button.addEventListener('click', () => {
              chosen = item;
              close();
            });
            return element('li', {}, button);
          }),
        );
        status.textContent = items.length === 0 ? 'No images match.' : `${items.length} images.`;
      } catch {
        status.textContent = 'The library could not be loaded. Check the connection and try again.';
      }
    }

    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(search.value), 250);
    });
    // The library's picker, opened as a popup, posts the chosen image back (newsroom/media/client/picker.ts).
    const picked = (event: MessageEvent) => {
      const data = event.data as { type?: string; media?: PickedMedia } | null;
      if (event.origin !== location.origin || data?.type !== 'broadsheet:media-picked' || !data.media) return;
      const m = data.media;
      chosen = {
        id: m.id,
        thumbUrl: m.previewUrl || null,
        altText: m.altText,
        caption: m.caption,
        credit: m.credit,
        licence: m.licence ?? '',
      };
      close();
    };
    window.addEventListener('message', picked);
    upload.addEventListener('click', (event) => {
      if (window.open(picker, 'media-picker', 'popup,width=1000,height=800')) event.preventDefault();
    });
    cancel.addEventListener('click', close);
    dialog.addEventListener('close', () => {
      window.removeEventListener('message', picked);
      dialog.remove();
      resolve(chosen);
    });
    void load('');
  });
}
