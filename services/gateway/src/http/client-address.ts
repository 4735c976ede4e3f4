/** `::ffff:127.0.0.1` is IPv4 127.0.0.1; an unusable address is left out. */
export function normalizeAddress(address: string | undefined): string | undefined {
  if (!address) return undefined;
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
