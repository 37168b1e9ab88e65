import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may be sent. Pure functions, no I/O: the sender applies them to the URL when a
 * subscription is saved and to every address the target resolves to when a delivery connects
 * (so a DNS answer that changes to a private address is refused too).
 */
export interface TargetPolicy {
  /** Lower-case host names or IP literals exempt from the https rule and the address check. */
  allowedHosts: ReadonlySet<string>;
}

export function targetPolicy(allowedHostsCsv: string): TargetPolicy {
  return {
    allowedHosts: new Set(
      allowedHostsCsv
        .split(',')
        .map((h) => normaliseHost(h.trim()))
        .filter(Boolean),
    ),
  };
}

/** `[::1]` → `::1`, lower-case. */
export function normaliseHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** Only globally routable unicast addresses are public; IPv4-mapped IPv6 is judged as IPv4. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

export type TargetRefusal = 'invalid_url' | 'https_required' | 'credentials_in_url' | 'private_address';

/** Checks a target URL before it is stored; null when acceptable. Host names are resolved at delivery. */
export function refuseTarget(url: string, policy: TargetPolicy): { reason: TargetRefusal; detail: string } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { reason: 'invalid_url', detail: 'The target is not an absolute URL.' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { reason: 'invalid_url', detail: 'The target must be an https URL.' };
  if (u.username || u.password) return { reason: 'credentials_in_url', detail: 'The target URL must not carry credentials.' };
  const host = normaliseHost(u.hostname);
  if (policy.allowedHosts.has(host)) return null;
  if (u.protocol !== 'https:') return { reason: 'https_required', detail: 'The target must be an https URL.' };
  if (ipaddr.isValid(host) ? !isPublicAddress(host) : host === 'localhost' || host.endsWith('.localhost')) {
    return { reason: 'private_address', detail: `The target ${host} is a private, loopback or link-local address.` };
  }
  return null;
}
