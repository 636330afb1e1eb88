// What the CDN purge stand-ins share: a real node:http server on a free local port, and answers scripted
// ahead (a 429 with Retry-After, a 500) for the next requests, before the API's own checks.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** A scripted turn that lets the request through to the API's own checks. */
export const PASS: ScriptedAnswer = { status: 0, body: null };

export interface StandinServer {
  url: string;
  /** Every request received, answered or refused. */
  requests: number;
  /** The next requests get these answers, in order, whatever they ask. */
  answerNext(...answers: ScriptedAnswer[]): void;
  /** Forgets the requests and purges so far (the purge of everything a queue starts with, say). */
  forget(): void;
  close(): Promise<void>;
}

export async function startStandin(
  handle: (request: IncomingMessage, body: string, response: ServerResponse) => void,
  forgetPurges: () => void,
): Promise<StandinServer> {
  const scripted: ScriptedAnswer[] = [];
  const state = { requests: 0 };
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      state.requests++;
      const next = scripted.shift();
      if (next && next !== PASS) return json(response, next.status, next.body, next.headers);
      handle(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    answerNext: (...answers) => scripted.push(...answers),
    forget() {
      state.requests = 0;
      forgetPurges();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
