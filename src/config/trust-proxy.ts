import { isIP } from 'node:net';

/** What Express's 'trust proxy' setting accepts: none/all, a hop count, or addresses and subnets. */
export type TrustProxy = boolean | number | string[];

// Names proxy-addr knows for well-known ranges (127.0.0.0/8 and ::1, 169.254.0.0/16 and fe80::/10, private ranges).
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(item: string): boolean {
  if (NAMED_RANGES.has(item)) return true;
  const [address, prefix, extra] = item.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Parses TRUST_PROXY: "false" (default: the socket's peer is the client), "true" (trust every hop; only
 * when nothing can reach the app but through the proxy), a hop count ("1"), or a comma-separated list of
 * proxy addresses/subnets ("loopback, 10.0.0.0/8"). Undefined when the value is none of these.
 */
export function parseTrustProxy(raw: string): TrustProxy | undefined {
  const value = raw.trim().toLowerCase();
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d{1,3}$/.test(value)) return Number(value) <= 100 ? Number(value) : undefined;
  const items = value.split(',').map((s) => s.trim());
  return items.length > 0 && items.every(isAddressOrSubnet) ? items : undefined;
}
