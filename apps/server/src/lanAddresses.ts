import os from 'node:os';

// Private ranges (RFC 1918) first: a venue router hands these out, while a machine's other
// interfaces (a VPN, a public address) are rarely what phones in the room can reach.
const PRIVATE = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/;
// Container and VM bridges that only this machine reaches.
const BRIDGE_NAME = /^(docker|br-|veth|virbr|vboxnet|vmnet|cni|flannel)/;

/**
 * The machine's IPv4 addresses on local networks, for telling people where to connect,
 * the likeliest venue address first.
 */
export function lanAddresses(
  interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces(),
): string[] {
  const addresses: string[] = [];
  for (const [name, entries] of Object.entries(interfaces)) {
    if (BRIDGE_NAME.test(name)) continue;
    for (const entry of entries ?? []) {
      if (entry.family === 'IPv4' && !entry.internal) addresses.push(entry.address);
    }
  }
  const rank = (address: string) => (PRIVATE.test(address) ? 0 : 1);
  return addresses.sort((a, b) => rank(a) - rank(b));
}

/** The names under which only this machine reaches itself. */
export function isLoopbackHost(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127\./.test(name)
  );
}
