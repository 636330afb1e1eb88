// Fetching an image from the old site when no uploads folder holds it. An address the person running the
// import named (--media-base) is fetched as it is; any other (an address written in the export) connects
// only to public addresses, through the checked lookup the spam checker and webhooks use, so that an export
// cannot make the server fetch from the newsroom's own network.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  type AddressPolicy,
  bareHost,
  checkedLookup,
  literalProblem,
  type ResolveHost,
  systemResolver,
} from '../http/checked-lookup.js';
import { addressProblem } from '../http/public-address.js';
import { MAX_UPLOAD_BYTES } from '../media/library.js';

/** `trusted`: named by whoever runs the import, so not checked against the address policy. */
export type FetchFile = (url: string, trusted: boolean) => Promise<Buffer>;

export interface FetchOptions {
  resolveHost?: ResolveHost;
  policy?: AddressPolicy;
  timeoutMs?: number;
}

export function mediaFetcher(options: FetchOptions = {}): FetchFile {
  const policy = options.policy ?? addressProblem;
  const resolve = options.resolveHost ?? systemResolver;
  const timeoutMs = options.timeoutMs ?? 30_000;
  return (address, trusted) =>
    new Promise((done, fail) => {
      const url = new URL(address);
      if (!/^https?:$/.test(url.protocol))
        return fail(new Error('only http and https addresses are fetched'));
      const refused = trusted ? null : literalProblem(url, policy);
      if (refused) return fail(new Error(`${bareHost(url)} is ${refused}`));
      const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = request(
        url,
        {
          method: 'GET',
          headers: { 'user-agent': 'Broadsheet-Import/1' },
          ...(trusted ? {} : { lookup: checkedLookup(resolve, policy), agent: false }),
        },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            response.resume();
            return fail(new Error(`the old site answered ${status}`));
          }
          const chunks: Buffer[] = [];
          let bytes = 0;
          response.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            if (bytes > MAX_UPLOAD_BYTES) {
              req.destroy(new Error('the file is larger than 40 MB'));
              return;
            }
            chunks.push(chunk);
          });
          response.on('end', () => done(Buffer.concat(chunks)));
          response.on('error', fail);
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
      req.on('error', fail);
      req.end();
    });
}
