// The picker's hand-off to the editor. Opened as a popup by a newsroom page, "Use this image" posts the image
// to that page and closes; otherwise the link itself goes back to the editor's return address with ?media=<id>.

/** The message the editor receives (window 'message' event, from our own origin only). */
export interface MediaPickedMessage {
  type: 'broadsheet:media-picked';
  media: {
    id: number;
    altText: string;
    caption: string;
    credit: string;
    /** A small preview to show in the editor until it renders the image itself. */
    previewUrl: string;
    width: number;
    height: number;
    /** The library's warning when the licence ends soon, '' otherwise. */
    licence: string;
  };
}

function sameOriginOpener(): Window | null {
  const opener = window.opener as Window | null;
  if (!opener || opener === window) return null;
  try {
    // Reading another origin's location throws; the picker only ever talks to the newsroom itself.
    return opener.location.origin === window.location.origin ? opener : null;
  } catch {
    return null;
  }
}

export function enhancePicker(): void {
  const opener = sameOriginOpener();
  if (!opener) return;
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('a[data-pick]');
    if (!link) return;
    event.preventDefault();
    const data = link.dataset;
    const message: MediaPickedMessage = {
      type: 'broadsheet:media-picked',
      media: {
        id: Number(data.id),
        altText: data.alt ?? '',
        caption: data.caption ?? '',
        credit: data.credit ?? '',
        previewUrl: data.src ?? '',
        width: Number(data.width),
        height: Number(data.height),
        licence: data.licence ?? '',
      },
    };
    opener.postMessage(message, window.location.origin);
    window.close();
  });
}
