// Uploading the hero from its own field: the file and what the library needs to know about it (alt text,
// caption, credit, usage rights), sent to the library's upload (POST /admin/media, media/admin/upload-routes),
// then chosen as the hero at once. The library's rules apply unchanged: its refusals are shown by field.
import { RIGHTS, RIGHTS_LABELS } from '../../media/admin/rights.js';
import { element } from './dialogs.js';
import type { MediaInfo } from './media-info.js';

interface Refusal {
  error?: { message?: string; fields?: Record<string, string> };
}

function field(id: string, label: string, control: HTMLElement, hint?: string) {
  const wrapper = element('div', { className: 'field' }, element('label', { htmlFor: id }, label), control);
  if (hint) wrapper.append(element('p', { className: 'hint' }, hint));
  return wrapper;
}

/** The upload section under the hero field; `uploaded` gets the new image, as the chooser would. */
export function buildHeroUpload(form: HTMLFormElement, uploaded: (item: MediaInfo) => void): HTMLElement {
  const file = element('input', { type: 'file', id: 'hero-upload-file', accept: 'image/*' });
  const alt = element('input', { type: 'text', id: 'hero-upload-alt', maxLength: 1000 });
  const caption = element('input', { type: 'text', id: 'hero-upload-caption', maxLength: 2000 });
  const credit = element('input', { type: 'text', id: 'hero-upload-credit', maxLength: 200 });
  const rights = element('select', { id: 'hero-upload-rights' });
  for (const [value, label] of RIGHTS_OPTIONS) rights.add(new Option(label, value));
  const send = element('button', { type: 'button', className: 'secondary' }, 'Upload and use as hero');
  const status = element('p', { className: 'hint' });
  status.setAttribute('role', 'status');
  const section = element(
    'fieldset',
    { className: 'hero-upload' },
    element('legend', {}, 'Upload a new hero image'),
    field(file.id, 'Hero image file', file),
    field(alt.id, 'Hero alt text (required)', alt, 'Describe the image for readers who cannot see it.'),
    field(caption.id, 'Hero caption', caption),
    field(credit.id, 'Hero credit', credit, 'The photographer or illustrator.'),
    field(rights.id, 'Hero usage rights', rights),
    send,
    status,
  );

  send.addEventListener('click', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return say('Choose an image file first.', file);
    if (!alt.value.trim()) return say('Add alt text: describe the image for readers who cannot see it.', alt);
    send.disabled = true;
    status.textContent = 'Uploading…';
    const answer = await sendToLibrary(form, chosen, {
      altText: alt.value,
      caption: caption.value,
      creditPerson: credit.value,
      rights: rights.value,
    });
    send.disabled = false;
    if ('refused' in answer) return say(answer.refused, file);
    uploaded(answer.item);
    for (const input of [file, alt, caption, credit]) input.value = '';
    status.textContent = 'Uploaded to the library and chosen as the hero.';
  });

  function say(message: string, focus: HTMLElement) {
    status.textContent = message;
    focus.focus();
  }
  return section;
}

export interface ImageDetails {
  altText: string;
  caption: string;
  creditPerson: string;
  rights: string;
}

/** The rights choices of the library, for the editor's forms. */
export const RIGHTS_OPTIONS: Array<[string, string]> = RIGHTS.map((r) => [r, RIGHTS_LABELS[r]]);

/** Sends one image to the library's upload; the new image, or the library's refusal in words. */
export async function sendToLibrary(
  form: HTMLFormElement,
  file: File,
  details: ImageDetails,
): Promise<{ item: MediaInfo } | { refused: string }> {
  const body = new FormData();
  body.set('_csrf', (form.elements.namedItem('_csrf') as HTMLInputElement).value);
  for (const [name, value] of Object.entries(details)) body.set(name, value);
  body.set('file', file);
  try {
    const response = await fetch('/admin/media', {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    const answer = (await response.json()) as { id?: number } & Refusal;
    if (!response.ok || !answer.id) {
      const fields = Object.values(answer.error?.fields ?? {}).join(' ');
      return { refused: fields || answer.error?.message || 'The image could not be uploaded.' };
    }
    const item = await choiceOf(answer.id);
    return {
      item: item ?? {
        id: answer.id,
        thumbUrl: null,
        altText: details.altText,
        caption: details.caption,
        credit: details.creditPerson,
        licence: '',
      },
    };
  } catch {
    return { refused: 'The image could not be uploaded: the connection is gone. Try again.' };
  }
}

/** The new image as the chooser lists it: the newest in the library, so first of the recent ones. */
async function choiceOf(id: number): Promise<MediaInfo | null> {
  try {
    const response = await fetch('/admin/articles/media-choices?q=', {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    if (!response.ok) return null;
    const { items } = (await response.json()) as { items: MediaInfo[] };
    return items.find((i) => i.id === id) ?? null;
  } catch {
    return null;
  }
}
