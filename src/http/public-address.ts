// Whether an address or host name is a place on the public internet: the comment spam checker and webhook
// endpoints may only be sent data there, and a commenter's website may only point there. Addresses in
// the newsroom's own network, the machine itself and the cloud's metadata service are refused by name.
import { BlockList, isIP } from 'node:net';

function blockList(v4: string[], v6: string[] = []): BlockList {
  const list = new BlockList();
  for (const range of v4) list.addSubnet(...subnet(range, 'ipv4'));
  for (const range of v6) list.addSubnet(...subnet(range, 'ipv6'));
  return list;
}

function subnet(range: string, type: 'ipv4' | 'ipv6'): [string, number, 'ipv4' | 'ipv6'] {
  const [network, prefix] = range.split('/');
  return [network!, Number(prefix), type];
}

// The first that matches names the problem; the metadata addresses come before the ranges they lie in.
const NOT_PUBLIC: Array<[what: string, list: BlockList]> = [
  [
    'the cloud metadata service',
    blockList(['169.254.169.254/32', '100.100.100.200/32'], ['fd00:ec2::254/128']),
  ],
  ['a loopback address (this machine)', blockList(['127.0.0.0/8'], ['::1/128'])],
  ['an unspecified address', blockList(['0.0.0.0/8'], ['::/128'])],
  ['a private network address', blockList(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'])],
  ['a shared (carrier-grade NAT) address', blockList(['100.64.0.0/10'])],
  ['a link-local address', blockList(['169.254.0.0/16'], ['fe80::/10'])],
  ['a unique-local (private) address', blockList([], ['fc00::/7'])],
  ['a multicast address', blockList(['224.0.0.0/4'], ['ff00::/8'])],
  [
    'a reserved or documentation address',
    blockList(
      [
        '192.0.0.0/24',
        '192.0.2.0/24',
        '198.18.0.0/15',
        '198.51.100.0/24',
        '203.0.113.0/24',
        '240.0.0.0/4',
        '255.255.255.255/32',
      ],
      ['2001:db8::/32', '100::/64', '2001::/23'],
    ),
  ],
];

/** The eight 16-bit groups of an IPv6 address (any notation Node accepts). */
function groupsOf(ip: string): number[] {
  const [head, tail = ''] = ip.toLowerCase().split('::') as [string, string?];
  const part = (s: string) =>
    s === ''
      ? []
      : s.split(':').flatMap((g) => {
          if (!g.includes('.')) return [Number.parseInt(g, 16)];
          const [a, b, c, d] = g.split('.').map(Number) as [number, number, number, number];
          return [(a << 8) | b, (c << 8) | d];
        });
  const left = part(head);
  const right = part(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/** The IPv4 address an IPv6 one carries (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16). */
function embeddedIpv4(ip: string): string | null {
  const g = groupsOf(ip);
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return v4(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4(g[6]!, g[7]!);
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!);
  return null;
}

/** What keeps an IP address off the public internet, in words; null for a public address. */
export function addressProblem(ip: string): string | null {
  const family = isIP(ip);
  if (family === 0) return 'not an IP address';
  if (family === 6) {
    const inner = embeddedIpv4(ip);
    if (inner !== null) return addressProblem(inner);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  try {
    for (const [what, list] of NOT_PUBLIC) if (list.check(ip, type)) return what;
  } catch {
    // A form the block lists cannot read (an IPv6 zone, "fe80::1%eth0") is nothing to connect to.
    return 'not an address that can be checked';
  }
  // Everything public in IPv6 is global unicast, 2000::/3.
  if (family === 6 && (groupsOf(ip)[0]! & 0xe000) !== 0x2000) return 'a reserved IPv6 address';
  return null;
}

// Names that never leave a local network (RFC 6761, 6762, 8375, and the ones clouds and offices use).
const LOCAL_NAMES = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa|localdomain)$/;

/**
 * What keeps a URL's host name (as the URL parser gives it) from being a public one, in words: IP numbers,
 * local names, names of one label. null for a public-looking name; its addresses are checked apart.
 */
export function hostNameProblem(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') || isIP(host) !== 0) return 'an IP address instead of a name';
  if (LOCAL_NAMES.test(host)) return 'a name that only works inside a local network';
  if (!host.includes('.')) return 'a name without a domain';
  return null;
}
