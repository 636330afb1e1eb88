// Debian's Chromium driven by playwright-core (never a downloaded browser), and a way to collect what a
// page complains about: console errors, uncaught exceptions, failed loads and CSP violations.
import { type Browser, chromium, type Page } from 'playwright-core';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Starts recording problems on a page; read the returned array after the steps. */
export function recordProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // The console line for a failed load omits the address; this names it.
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`response: ${r.status()} ${new URL(r.url()).pathname}`);
  });
  return problems;
}

export const PHONE = {
  viewport: { width: 375, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
export const DESKTOP = { viewport: { width: 1280, height: 900 } };
