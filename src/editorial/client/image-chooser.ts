// The image chooser: searches the media library as the writer types and shows each image with its caption,
// credit and warnings; the library's own picker, opened as a popup, may send an image back instead.
import { element, openDialog } from './dialogs.js';
import type { MediaInfo } from './media-info.js';

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
    const { dialog, body, close, number } = openDialog(title);
    const search = element('input', { type: 'search', id: `dialog-${number}-search` });
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
        status.textContent =
          items.length === 0
            ? 'No images match.'
            : `${items.length} ${items.length === 1 ? 'image' : 'images'}.`;
      } catch {
        status.textContent = 'The library could not be loaded. Check the connection and try again.';
      }
    }

    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(search.value), 250);
    });
    // The library's picker, opened as a popup, posts the chosen image back (media/admin/client/picker.ts).
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
