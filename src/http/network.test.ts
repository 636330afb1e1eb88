import { describe, expect, it } from 'vitest';
import { networkOf } from './network.js';

describe('networkOf', () => {
  it('keeps an IPv4 address, unwraps a mapped one, and cuts IPv6 to its /64 in one spelling', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.7');
    expect(networkOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(networkOf('2001:db8:a:b:1:2:3:4')).toBe('2001:0db8:000a:000b');
    expect(networkOf('2001:DB8:a:b::9')).toBe('2001:0db8:000a:000b');
    expect(networkOf('2001:db8::1')).toBe('2001:0db8:0000:0000');
    expect(networkOf('2001:db8:a:b:ffff::1')).toBe(networkOf('2001:db8:a:b::2'));
  });

  it('reads every spelling of an address the way the network stack does', () => {
    expect(networkOf('::ffff:c000:201')).toBe('192.0.2.1');
    expect(networkOf('fe80::1%eth0')).toBe('fe80:0000:0000:0000');
    expect(networkOf('2001:db8:a:b::1.2.3.4')).toBe('2001:0db8:000a:000b');
    expect(networkOf('not an address')).toBe('not an address');
  });
});
