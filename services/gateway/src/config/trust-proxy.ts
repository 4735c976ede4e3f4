/**
 * TRUST_PROXY: which proxies in front of the gateway to believe about the client address
 * (X-Forwarded-For), in Express's terms: `false` (none: the address is the connection's),
 * a number of hops (1: one reverse proxy, whose entry is the last of the header), or a
 * comma-separated list of proxy addresses, CIDR subnets, or `loopback`, `linklocal`,
 * `uniquelocal`. Never `true`: trusting every hop lets a client choose its own address by
 * writing the header, and sign-in limits and rate limits count addresses.
 */
const ADDRESS = String.raw`(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(/[0-9]{1,3})?)`;
export const TRUST_PROXY_PATTERN = new RegExp(
  String.raw`^(false|[0-9]{1,2}|${ADDRESS}(\s*,\s*${ADDRESS})*)$`,
);
export const TRUST_PROXY_MESSAGE =
  'must be false, a number of proxy hops (e.g. 1), or a comma-separated list of proxy addresses or subnets; not true (a client could then choose its own address)';

/** The setting as Express's `trust proxy` takes it. */
export function trustProxy(setting: string): boolean | number | string[] {
  if (setting === 'false') return false;
  if (/^[0-9]+$/.test(setting)) return Number(setting);
  return setting.split(',').map((part) => part.trim());
}
