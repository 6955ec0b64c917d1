import { isIPv6 } from 'node:net';

/**
 * What the limits and duplicate checks count as one sender: an IPv4 address (also when written
 * IPv4-mapped, ::ffff:a.b.c.d), or an IPv6 /64, since one household or phone gets a whole /64
 * and could otherwise change address at every request.
 */
export function addressSubject(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  const withoutZone = address.split('%')[0];
  if (!isIPv6(withoutZone)) return address;
  const halves = withoutZone.split('::');
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length > 1 && halves[1] ? halves[1].split(':') : [];
  // An embedded IPv4 (only ever last) stands for two groups.
  const tailGroups = tail.reduce((count, group) => count + (group.includes('.') ? 2 : 1), 0);
  const zeros = halves.length > 1 ? Array<string>(8 - head.length - tailGroups).fill('0') : [];
  const prefix = [...head, ...zeros, ...tail].slice(0, 4).map((group) => (group.includes('.') ? '0' : parseInt(group, 16).toString(16)));
  return `${prefix.join(':')}::/64`;
}
