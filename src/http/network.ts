// The network a request came from, as rate limits, bans, spam rules and sign-in throttling count it.
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * An IPv4 address as it is (IPv4-mapped IPv6 unwrapped), an IPv6 one cut to its /64: an IPv6 host usually
 * holds a whole /64, so a limit or a ban per address would be no limit at all. The /64 is always spelled
 * with four full groups (2001:0db8:000a:000b), as the keys and bans stored from it were.
 */
export function networkOf(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  let address: ipaddr.IPv6;
  try {
    address = ipaddr.IPv6.parse(ip);
  } catch {
    // A spelling Node accepts and ipaddr.js does not (an odd zone name): the address itself, as before.
    return ip;
  }
  if (address.isIPv4MappedAddress()) return address.toIPv4Address().toString();
  return address.parts
    .slice(0, 4)
    .map((part) => part.toString(16).padStart(4, '0'))
    .join(':');
}
