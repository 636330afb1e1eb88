// Who a commenter is, without keeping or showing what identifies them: emails and IP addresses become HMACs
// keyed with the app secret (a lookup table of known emails cannot reverse them, unlike a Gravatar MD5),
// and the avatar is drawn from such a hash.
import { z } from 'zod';
import { networkOf } from '../http/network.js';
import { keyedHash } from '../http/signed-tokens.js';

const emailSchema = z.email().max(254);

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Whether a (normalised) address looks like one mail can be sent to. */
export function isEmailAddress(email: string): boolean {
  return emailSchema.safeParse(email).success;
}

/** Stable key for one email address: history, bans, duplicate checks and data requests use it. */
export function emailKey(secret: string, email: string): string {
  return keyedHash(secret, 'comment-email', normaliseEmail(email)).slice(0, 32);
}

/**
 * Key for the network a request came from. IPv6 is cut to its /64 (one household or server has a whole
 * /64, so counting single addresses would let it rotate past any limit); IPv4-mapped addresses are IPv4.
 */
export function ipKey(secret: string, ip: string): string {
  return keyedHash(secret, 'comment-ip', networkOf(ip)).slice(0, 32);
}

/** Shown to moderators instead of the address: the first letter and the domain, e.g. "a•••@example.org". */
export function maskedEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

/** Colour and letter of a commenter's generated avatar; the hue comes from the keyed email hash. */
export function avatarOf(key: string, name: string): { hue: number; initial: string } {
  let hue = 0;
  for (const ch of key.slice(0, 8)) hue = (hue * 31 + ch.charCodeAt(0)) % 360;
  const initial = Array.from(name.trim())[0]?.toUpperCase() ?? '?';
  return { hue, initial };
}
