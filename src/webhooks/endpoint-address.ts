// Where a webhook may be sent: http or https to a host on the public internet, checked when an admin saves
// the endpoint and again at every delivery, after the name is resolved; the connection then goes to the very
// addresses checked (http/checked-lookup.ts), so a name that turns private later reaches nothing inside.
// A host named in WEBHOOK_ALLOWED_HOSTS skips the check (a receiver on the developer's own machine).
import { isIP } from 'node:net';
import { type AddressPolicy, bareHost, type ResolveHost } from '../http/checked-lookup.js';
import { addressProblem, hostNameProblem } from '../http/public-address.js';

const anyAddress: AddressPolicy = () => null;

/** The address check for this URL's host: none for an allowed host, else public addresses only. */
export function policyFor(url: URL, allowedHosts: readonly string[]): AddressPolicy {
  return allowedHosts.includes(bareHost(url).toLowerCase()) ? anyAddress : addressProblem;
}

/** A URL that parses, is http(s), carries no credentials; else what is wrong with it, in words. */
export function parseEndpointUrl(raw: string): URL | string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'Enter the full address of the receiver, starting with https://.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The address must start with https://.';
  if (url.username || url.password) return 'The address must not hold a user name or password.';
  if (raw.length > 2000) return 'The address must be at most 2000 characters.';
  return url;
}

/** Why this endpoint may not be sent webhooks now, in words for the form; null when it may. */
export async function endpointAddressProblem(
  url: URL,
  resolve: ResolveHost,
  allowedHosts: readonly string[],
): Promise<string | null> {
  const policy = policyFor(url, allowedHosts);
  const host = bareHost(url);
  const refused = (what: string) => `${host} is ${what}: webhooks are sent only to the public internet.`;
  if (isIP(host)) {
    const problem = policy(host);
    return problem ? refused(problem) : null;
  }
  if (policy === addressProblem) {
    const nameProblem = hostNameProblem(host);
    if (nameProblem) return refused(nameProblem);
  }
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
      return `${host} leads to ${address}, ${problem}: webhooks are sent only to the public internet.`;
  }
  return null;
}
