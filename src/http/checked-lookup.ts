// Connecting only to public addresses: a host name is resolved once, its addresses checked against a policy,
// and the socket handed exactly those addresses (`checkedLookup`), so that a name that later resolves to the
// newsroom's own network (DNS rebinding) reaches nothing there. The spam checker and webhooks use it.
import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { addressProblem } from './public-address.js';

/** A host name's addresses. The system resolver in production; tests give names of their own. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export const systemResolver: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** Why an IP address may not be sent data, or null. Public addresses only, except in tests. */
export type AddressPolicy = (ip: string) => string | null;

/** The URL parser's host name without the brackets of an IPv6 literal. */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/** Refused to connect: the host's addresses are not allowed (or could not be found). */
export class AddressRefused extends Error {}

/**
 * A `lookup` for node's https.request that resolves the host itself and hands the socket only addresses
 * the policy allows: the connection goes to what was checked. (An IP literal is never looked up by node,
 * so the caller checks one before the request: see `literalProblem`.)
 */
export function checkedLookup(resolve: ResolveHost, policy: AddressPolicy = addressProblem): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    resolve(hostname).then(
      (addresses) => {
        const refused = addresses.find((a) => policy(a) !== null);
        if (addresses.length === 0 || refused !== undefined) {
          callback(new AddressRefused(`${hostname} leads to an address that is not public`));
          return;
        }
        const entries = addresses.map((address) => ({ address, family: isIP(address) }));
        if (options.all) callback(null, entries);
        else callback(null, entries[0]!.address, entries[0]!.family);
      },
      (error: unknown) => callback(error),
    );
  }) as unknown as LookupFunction;
}

/** For a URL whose host is an IP literal: why it may not be connected to; null for a name or an allowed IP. */
export function literalProblem(url: URL, policy: AddressPolicy = addressProblem): string | null {
  const host = bareHost(url);
  return isIP(host) ? policy(host) : null;
}
