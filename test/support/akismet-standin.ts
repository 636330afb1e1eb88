// A stand-in for an Akismet-compatible spam checker: a real https server on 127.0.0.1 with a certificate
// made for the run (for the name akismet.test), answering "true" (spam) when the comment says "spammy".
// It records every request, with the name the client asked for in TLS, so tests can tell it was reached.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';

export const STANDIN_HOST = 'akismet.test';

export interface AkismetStandIn {
  /** https://akismet.test:<port>: resolve akismet.test to 127.0.0.1 to reach it. */
  url: string;
  port: number;
  /** Its certificate, to trust in place of the system's authorities. */
  ca: string;
  seen: Array<{ form: URLSearchParams; servername: string | false | null; host: string | undefined }>;
  close(): Promise<void>;
}

export async function startAkismetStandIn(): Promise<AkismetStandIn> {
  const dir = mkdtempSync(join(tmpdir(), 'akismet-standin-'));
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  args.push('-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${STANDIN_HOST}`);
  execFileSync('openssl', [...args, '-addext', `subjectAltName=DNS:${STANDIN_HOST}`], { stdio: 'ignore' });
  const pems = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  rmSync(dir, { recursive: true, force: true });
  const seen: AkismetStandIn['seen'] = [];
  const server: Server = createServer(pems, (req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      seen.push({ form, servername: (req.socket as TLSSocket).servername, host: req.headers.host });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(form.get('comment_content')?.includes('spammy') ? 'true' : 'false');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://${STANDIN_HOST}:${port}`,
    port,
    ca: pems.cert,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
