// Where the spam checker may be: it receives every commenter's email and IP address, so only an https
// service on the public internet. The address is checked when an admin saves it and again at every request,
// and the request connects to the very addresses that were checked (`checkedLookup`), so that a name that
// later resolves to the newsroom's own network (DNS rebinding) reaches nothing there.
import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { addressProblem, hostNameProblem } from './public-address.js';

/** A host name's addresses. The system resolver in production; tests give names of their own. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export const systemResolver: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** Why an IP address may not receive readers' data, or null. Public addresses only, except in tests. */
export type AddressPolicy = (ip: string) => string | null;

/** The URL parser's host name without the brackets of an IPv6 literal. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/** What is wrong with a spam checker's address, in words for the settings form; null when it may be used. */
export async function spamCheckerAddressProblem(
  raw: string,
  resolve: ResolveHost,
  policy: AddressPolicy = addressProblem,
): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter the service’s web address, starting with https://.';
  }
  if (url.protocol !== 'https:')
    return 'The address must start with https://: commenters’ emails and IP addresses are sent to it.';
  if (url.username || url.password) return 'Put the key in its own field, not in the address.';
  const host = bareHost(url);
  if (isIP(host)) {
    const problem = policy(host);
    return problem
      ? `${host} is ${problem}: the spam checker must be a service on the public internet.`
      : null;
  }
  const nameProblem = hostNameProblem(host);
  if (nameProblem)
    return `${host} is ${nameProblem}: the spam checker must be a service on the public internet.`;
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    addresses = [];
  }
  if (addresses.length === 0) return `${host} could not be found: check the address.`;
  for (const address of addresses) {
    const problem = policy(address);
    if (problem)
      return `${host} leads to ${address}, ${problem}: the spam checker must be a service on the public internet.`;
  }
  return null;
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
