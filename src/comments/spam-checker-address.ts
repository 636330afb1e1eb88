// Where the spam checker may be: it receives every commenter's email and IP address, so only an https
// service on the public internet. The address is checked when an admin saves it and again at every request
// (http/checked-lookup.ts connects to the very addresses that were checked).
import { isIP } from 'node:net';
import { type AddressPolicy, bareHost, type ResolveHost } from '../http/checked-lookup.js';
import { addressProblem, hostNameProblem } from '../http/public-address.js';

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
