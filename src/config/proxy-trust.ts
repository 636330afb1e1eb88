// TRUST_PROXY, read into Fastify's trustProxy. Its own file because the rule is a security decision with its
// reasons (which X-Forwarded-For entries to believe), not a plain value check like the other settings.
import { isIP } from 'node:net';
import { z } from 'zod';

export type ProxyTrust = false | string[];

// proxy-addr's names for the usual private ranges, which Fastify accepts beside addresses.
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const NAME_THE_PROXIES =
  "give the proxies' addresses or networks, separated by commas (e.g. 127.0.0.1 or 10.0.0.0/8,::1)";

/** The TRUST_PROXY field of the settings' schema: no proxy unless given, else the proxies' addresses. */
export const trustProxySetting = z
  .string()
  .default('false')
  .transform((value, ctx) => {
    const trust = proxyTrust(value);
    if (typeof trust === 'object' && 'problem' in trust) {
      ctx.addIssue({ code: 'custom', message: trust.problem });
      return z.NEVER;
    }
    return trust;
  });

/**
 * TRUST_PROXY as Fastify's trustProxy. The client is the right-most address in X-Forwarded-For that no
 * trusted proxy wrote, as anything left of it is whatever the client chose to send. "true" would trust every
 * entry, so the left-most, which the client writes, would count as the client; a count of hops cannot tell a
 * proxy from a client connecting directly (Fastify ignores the header for one). Both are refused, not guessed.
 */
function proxyTrust(value: string): ProxyTrust | { problem: string } {
  const setting = value.trim().toLowerCase();
  if (setting === 'false' || setting === 'no' || setting === '0') return false;
  if (setting === 'true' || setting === 'yes') {
    return {
      problem: `"true" would believe any address a client writes into X-Forwarded-For; ${NAME_THE_PROXIES}`,
    };
  }
  if (/^\d+$/.test(setting)) {
    return {
      problem: `a number of proxies cannot tell a proxy from a client that connects directly; ${NAME_THE_PROXIES}`,
    };
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const wrong = entries.find((entry) => !isProxyAddress(entry));
  if (wrong !== undefined) return { problem: `"${wrong}" is not an address or network; ${NAME_THE_PROXIES}` };
  return entries;
}

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}
