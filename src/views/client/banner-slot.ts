// Fills the page shell's banner slot from its fragment address (a small response cached and dropped apart
// from the page), and lets a reader dismiss the banner for the rest of the visit: the dismissal is kept in
// sessionStorage under the banner's version, so a new wording shows again.
const DISMISSED = 'banner-dismissed';

export async function fillBannerSlot(doc: Document, storage: Storage | null): Promise<void> {
  const slot = doc.querySelector<HTMLElement>('[data-banner-slot]');
  const src = slot?.dataset.bannerSlot;
  if (!slot || !src) return;
  let html: string;
  try {
    const response = await fetch(src, { credentials: 'omit' });
    if (!response.ok) return;
    html = (await response.text()).trim();
  } catch {
    return; // No banner is better than a broken page.
  }
  if (!html) return;
  // The fragment is our own server's escaped HTML; parsed inertly and checked before it joins the page.
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const banner = parsed.body.firstElementChild as HTMLElement | null;
  const version = banner?.dataset.bannerVersion;
  if (!banner || !version) return;
  if (readDismissed(storage) === version) return;
  slot.replaceChildren(doc.importNode(banner, true));
  slot.querySelector('[data-banner-dismiss]')?.addEventListener('click', () => {
    try {
      storage?.setItem(DISMISSED, version);
    } catch {
      // Private modes may refuse storage; the banner still goes for this page.
    }
    slot.replaceChildren();
    doc.getElementById('main')?.focus();
  });
}

function readDismissed(storage: Storage | null): string | null {
  try {
    return storage?.getItem(DISMISSED) ?? null;
  } catch {
    return null;
  }
}
