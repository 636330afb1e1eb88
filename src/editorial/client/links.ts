// Which link targets the body may hold: the very rule the server applies (views/safe-link.ts), run here
// so that the editor refuses what the save would.
import { safeLink } from '../../views/safe-link.js';

export function isSafeHref(href: string): boolean {
  return safeLink(href) !== null;
}
