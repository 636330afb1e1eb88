// The hero image field with a picture: the chosen image shown under the list, and a button that opens the
// image chooser, whose choice is added to the list if it was not there.

import { buildHeroUpload } from './hero-upload.js';
import { chooseImage } from './image-chooser.js';
import { type MediaInfo, mediaInfo } from './media-info.js';

export function wireHeroChooser(form: HTMLFormElement, changed: () => void) {
  const select = form.elements.namedItem('heroMediaId') as HTMLSelectElement | null;
  const preview = form.querySelector<HTMLElement>('[data-hero-preview]');
  if (!select || !preview) return;
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
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'secondary';
  button.textContent = 'Choose from the library…';
  const use = (item: MediaInfo) => {
    mediaInfo.set(item.id, item);
    if (![...select.options].some((o) => o.value === String(item.id))) {
      select.add(new Option(`#${item.id} · ${item.caption || item.altText}`, String(item.id)));
    }
    select.value = String(item.id);
    show();
    changed();
  };
  button.addEventListener('click', async () => {
    const item = await chooseImage('Choose the hero image');
    if (item) use(item);
  });
  select.addEventListener('change', show);
  preview.before(button);
  preview.after(buildHeroUpload(form, use));
  show();
}
