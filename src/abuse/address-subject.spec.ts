import { describe, expect, it } from '@jest/globals';
import { addressSubject } from './address-subject';

describe('addressSubject', () => {
  it('keeps an IPv4 address, also when IPv4-mapped', () => {
    expect(addressSubject('203.0.113.5')).toBe('203.0.113.5');
    expect(addressSubject('::ffff:203.0.113.5')).toBe('203.0.113.5');
  });

  it('reduces an IPv6 address to its /64, however it is written', () => {
    const subject = '2001:db8:1:2::/64';
    for (const address of ['2001:db8:1:2::1', '2001:0db8:0001:0002:ffff:0:0:9', '2001:DB8:1:2:a:b:c:d', '2001:db8:1:2::7%eth0']) {
      expect(addressSubject(address)).toBe(subject);
    }
    expect(addressSubject('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressSubject('::1')).toBe('0:0:0:0::/64');
    expect(addressSubject('2001:db8:1:3::1')).not.toBe(subject);
  });

  it('leaves anything else as it is', () => {
    expect(addressSubject('not an address')).toBe('not an address');
  });
});
