// Keeps the dashboard's "Last 30 minutes" current: fetches the same page every 30 s and swaps that section in,
// leaving the rest (and whatever the editor has open or scrolled to) as it is.
const REFRESH_MS = 30_000;

async function refresh() {
  const current = document.getElementById('analytics-now');
  if (!current || document.visibilityState !== 'visible') return;
  const response = await fetch(location.href, {
    headers: { accept: 'text/html' },
    credentials: 'same-origin',
  });
  if (!response.ok) return;
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const fresh = page.getElementById('analytics-now');
  if (fresh) current.replaceWith(document.importNode(fresh, true));
}

setInterval(() => void refresh().catch(() => {}), REFRESH_MS);
