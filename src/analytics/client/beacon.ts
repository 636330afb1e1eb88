// The audience beacon (≤ 1 KB gzipped, test/e2e/analytics-beacon.test.ts measures it): a page view, read depth,
// engaged time and a few clicks, each sent with navigator.sendBeacon to /a/event. It keeps no cookie and no
// stored id: the server recognises a visitor for one day by a salted hash. What the page is comes from its
// data attributes, the same for every reader, so cached pages stay cached.
const page = document.querySelector<HTMLElement>('[data-article]');
const base: Record<string, unknown> = { path: location.pathname };
const data = page?.dataset;
if (data) for (const key of ['article', 'section', 'author']) if (data[key]) base[key] = Number(data[key]);
if (document.referrer) base.ref = document.referrer;
new URLSearchParams(location.search).forEach((value, key) => {
  if (/^utm_(source|medium|campaign)$/.test(key) && value) base[key] = value.slice(0, 100);
});

const send = (kind: string, value?: number) =>
  navigator.sendBeacon('/a/event', JSON.stringify({ ...base, kind, value }));

send('pageview');

// Read depth: the share of the article's body that has been on screen, each quarter once.
const body = document.querySelector('.article-body');
let depth = 0;
const measure = () => {
  if (!body) return;
  const box = body.getBoundingClientRect();
  const seen = ((innerHeight - box.top) / box.height) * 100;
  while (depth < 100 && seen >= depth + 25) {
    depth += 25;
    send('depth', depth);
  }
};
addEventListener('scroll', measure, { passive: true });
measure();

// Engaged time: seconds with the tab visible and the reader having moved within the last 15 s, sent every
// 15 s of it and when the page is hidden; a page stops counting after half an hour.
let engaged = 0;
let total = 0;
let lastActive = Date.now();
const flush = () => {
  if (engaged > 0) send('engaged', engaged);
  engaged = 0;
};
for (const type of ['scroll', 'keydown', 'pointermove', 'pointerdown', 'touchstart']) {
  addEventListener(type, () => (lastActive = Date.now()), { passive: true });
}
setInterval(() => {
  if (document.visibilityState !== 'visible' || Date.now() - lastActive > 15e3 || total >= 1800) return;
  engaged++;
  total++;
  if (engaged >= 15) flush();
}, 1e3);
addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flush());
addEventListener('pagehide', flush);

// Clicks the newsroom asks about: "Expand article", the app hand-off, support links.
document.addEventListener('click', (event) => {
  const target = (event.target as Element).closest('a, button, label');
  if (!target) return;
  if (target.matches('.expand-button, .expand-label')) send('expand');
  else if (target.matches('.app-handoff')) send('app');
  else if (target.matches('a[href^="/support"]')) send('support');
});
