// A form's library-image field (the hero, the social card's image): the chosen image shown under its list, and
// a button that opens the image chooser, whose choice is added to the list if it was not there.
import { chooseImage } from './image-chooser.js';
import { type MediaInfo, mediaInfo } from './media-info.js';

export interface LibraryImageField {
  /** Makes `item` the field's image, as a choice in the chooser would. */
  use(item: MediaInfo): void;
  /** Where the field's own additions (the hero's upload) go: after the picture. */
  preview: HTMLElement;
}

/** Wires the `<select name={name}>` and its `[data-image-preview={name}]`; null when the form has neither. */
export function wireLibraryImageField(
  form: HTMLFormElement,
  name: string,
  labels: { button: string; chooser: string },
): LibraryImageField | null {
  const select = form.elements.namedItem(name) as HTMLSelectElement | null;
  const preview = form.querySelector<HTMLElement>(`[data-image-preview="${name}"]`);
  if (!select || !preview) return null;
  const show = () => {
    const info = mediaInfo.get(Number(select.value));
    preview.replaceChildren();
    if (!info) return;
    if (info.thumbUrl)
      preview.append(Object.assign(document.createElement('img'), { src: info.thumbUrl, alt: info.altText }));
    const caption = document.createElement('p');
    caption.textContent = [info.caption, info.credit ? `Image by ${info.credit}` : '']
      .filter(Boolean)
      .join(' | ');
    preview.append(caption);
  };
  const use = (item: MediaInfo) => {
    mediaInfo.set(item.id, item);
    if (![...select.options].some((o) => o.value === String(item.id))) {
      select.add(new Option(`#${item.id} · ${item.caption || item.altText}`, String(item.id)));
    }
    select.value = String(item.id);
    show();
    // A value set by script fires no event; the form's listeners (autosave, previews) must hear of it.
    select.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'secondary';
  button.textContent = labels.button;
  button.addEventListener('click', async () => {
    const item = await chooseImage(labels.chooser);
    if (item) use(item);
  });
  select.addEventListener('change', show);
  preview.before(button);
  show();
  return { use, preview };
}
