// The network a request came from, as rate limits, bans and spam rules count it.
import { isIP } from 'node:net';

/**
 * An IPv4 address as it is (IPv4-mapped IPv6 unwrapped), an IPv6 one cut to its /64: an IPv6 host usually
 * holds a whole /64, so a limit or a ban per address would be no limit at all.
 */
export function networkOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIP(ip) !== 6) return ip;
  return expandIpv6(ip).slice(0, 4).join(':');
}

function expandIpv6(ip: string): string[] {
  const [head, tail] = ip.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((part) => part.toLowerCase().padStart(4, '0'));
}
