// What a collection request says about its sender, read once from its headers: a robot or a prefetch (not
// counted), a reader asking not to be tracked (counted without a visitor hash), and the kind of device.
import { isbot } from 'isbot';

type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string): string => {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
};

// isbot knows crawlers by name; automated browsers say so in other words, or say nothing at all.
const AUTOMATED = /headless|phantomjs|puppeteer|playwright|selenium|electron|lighthouse/i;

/** Robots, automated browsers and requests without a browser's user agent are not readers. */
export function isAutomated(headers: Headers): boolean {
  const ua = header(headers, 'user-agent');
  return ua.length < 8 || isbot(ua) || AUTOMATED.test(ua);
}

/** A page fetched ahead of a click (speculation rules, link prefetch) has not been seen by anyone. */
export function isPrefetch(headers: Headers): boolean {
  const purpose = `${header(headers, 'sec-purpose')} ${header(headers, 'purpose')} ${header(headers, 'x-purpose')}`;
  return /prefetch|prerender|preview/i.test(purpose);
}

/** Do Not Track or Global Privacy Control: the view counts, the visitor is not recognised. */
export function asksNotToBeTracked(headers: Headers): boolean {
  return header(headers, 'dnt') === '1' || header(headers, 'sec-gpc') === '1';
}

export type DeviceClass = 'mobile' | 'tablet' | 'desktop';

/** Only the class is kept, never the user agent it was read from. */
export function deviceClass(userAgent: string): DeviceClass {
  if (/ipad|tablet|kindle|silk|playbook|(android(?!.*mobile))/i.test(userAgent)) return 'tablet';
  if (/mobi|iphone|ipod|android|windows phone|blackberry|opera mini/i.test(userAgent)) return 'mobile';
  return 'desktop';
}

export function userAgentOf(headers: Headers): string {
  return header(headers, 'user-agent');
}
