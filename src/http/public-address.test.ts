// Which addresses and host names count as the public internet, with the reason given for each that does not.
import { describe, expect, it } from 'vitest';
import { addressProblem, hostNameProblem } from './public-address.js';

describe('addressProblem', () => {
  it.each([
    ['127.0.0.1', 'a loopback address (this machine)'],
    ['127.8.9.10', 'a loopback address (this machine)'],
    ['::1', 'a loopback address (this machine)'],
    ['::ffff:127.0.0.1', 'a loopback address (this machine)'],
    ['::ffff:7f00:1', 'a loopback address (this machine)'],
    ['0.0.0.0', 'an unspecified address'],
    ['::', 'an unspecified address'],
    ['10.0.0.1', 'a private network address'],
    ['172.16.5.4', 'a private network address'],
    ['172.31.255.255', 'a private network address'],
    ['192.168.1.1', 'a private network address'],
    ['100.64.0.1', 'a shared (carrier-grade NAT) address'],
    ['100.127.255.254', 'a shared (carrier-grade NAT) address'],
    ['169.254.169.254', 'the cloud metadata service'],
    ['fd00:ec2::254', 'the cloud metadata service'],
    ['::ffff:169.254.169.254', 'the cloud metadata service'],
    ['169.254.1.1', 'a link-local address'],
    ['fe80::1', 'a link-local address'],
    ['fc00::1', 'a unique-local (private) address'],
    ['fd12:3456::1', 'a unique-local (private) address'],
    ['64:ff9b::a00:1', 'a private network address'],
    ['2002:c0a8:101::1', 'a private network address'],
    ['224.0.0.1', 'a multicast address'],
    ['ff02::1', 'a multicast address'],
    ['192.0.2.1', 'a reserved or documentation address'],
    ['2001:db8::1', 'a reserved or documentation address'],
    ['240.0.0.1', 'a reserved or documentation address'],
    ['not-an-ip', 'not an IP address'],
  ])('refuses %s: %s', (ip, why) => {
    expect(addressProblem(ip)).toBe(why);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])(
    'takes %s as public',
    (ip) => {
      expect(addressProblem(ip)).toBeNull();
    },
  );
});

describe('hostNameProblem', () => {
  it.each([
    ['localhost', 'a name that only works inside a local network'],
    ['app.localhost', 'a name that only works inside a local network'],
    ['printer.local', 'a name that only works inside a local network'],
    ['db.internal', 'a name that only works inside a local network'],
    ['metadata.google.internal', 'a name that only works inside a local network'],
    ['nas.home.arpa', 'a name that only works inside a local network'],
    ['newsdesk', 'a name without a domain'],
    ['10.0.0.1', 'an IP address instead of a name'],
    ['93.184.215.14', 'an IP address instead of a name'],
    ['[::1]', 'an IP address instead of a name'],
  ])('refuses %s: %s', (host, why) => {
    expect(hostNameProblem(host)).toBe(why);
  });

  it('takes a public-looking name', () => {
    expect(hostNameProblem('example.org')).toBeNull();
    expect(hostNameProblem('blog.example.co.uk.')).toBeNull();
  });
});
