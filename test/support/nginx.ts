// Debian's nginx in front of app instances, configured from the very template docs/deploy/ documents
// (docs/deploy/nginx/broadsheet.conf): its placeholders filled for this machine, a self-signed certificate for
// 127.0.0.1, and a prefix folder of its own, run as the current user in the foreground. For the proxy test and
// the soak benchmark.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

export const NGINX = process.env.TEST_NGINX ?? '/usr/sbin/nginx';
export const NGINX_TEMPLATE = join(
  import.meta.dirname,
  '..',
  '..',
  'docs',
  'deploy',
  'nginx',
  'broadsheet.conf',
);

const run = promisify(execFile);

/** The template with each `${BROADSHEET_…}` replaced; a placeholder left without a value is an error. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  const filled = template.replace(/\$\{(BROADSHEET_[A-Z_]+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for ${whole} in the nginx template`);
    return value;
  });
  return filled;
}

export interface Nginx {
  /** https://127.0.0.1:port, the address readers use (the app's PUBLIC_URL). */
  publicUrl: string;
  httpsPort: number;
  /** The plain-http side, which only redirects. */
  httpUrl: string;
  /** The self-signed certificate, for clients to trust. */
  certificate: string;
  /** The access log so far, one line per request (with the instance that answered). */
  accessLog(): Promise<string>;
  /** What nginx complained of (refused connections, instances marked down). */
  errorLog(): Promise<string>;
  output(): string;
  stop(): Promise<void>;
}

async function selfSignedCertificate(dir: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  return { cert, key };
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts nginx on two free ports in front of `instances` (each an upstream `server …;` line), the https side
 * being the public address. Workers run as the current user, so the temporary folders need no other owner.
 */
export async function startNginx(instances: string[], options: { workers?: number } = {}): Promise<Nginx> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-nginx-'));
  for (const sub of ['cache', 'logs', 'temp']) await mkdir(join(dir, sub));
  const { cert, key } = await selfSignedCertificate(dir);
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const publicUrl = `https://127.0.0.1:${httpsPort}`;
  const site = fillTemplate(await readFile(NGINX_TEMPLATE, 'utf8'), {
    BROADSHEET_PUBLIC_URL: publicUrl,
    BROADSHEET_SERVER_NAME: '127.0.0.1',
    BROADSHEET_HTTP_LISTEN: `127.0.0.1:${httpPort}`,
    BROADSHEET_HTTPS_LISTEN: `127.0.0.1:${httpsPort}`,
    BROADSHEET_INSTANCES: instances.join(' '),
    BROADSHEET_TLS_CERTIFICATE: cert,
    BROADSHEET_TLS_KEY: key,
    BROADSHEET_CACHE_DIR: join(dir, 'cache'),
    BROADSHEET_LOG_DIR: join(dir, 'logs'),
  });
  await writeFile(join(dir, 'broadsheet.conf'), site);
  // What /etc/nginx/nginx.conf holds on a server; the temporary files' folders are Debian's /var/lib/nginx.
  const temp = join(dir, 'temp');
  await writeFile(
    join(dir, 'nginx.conf'),
    `worker_processes ${options.workers ?? 1};
events { worker_connections 1024; }
http {
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  access_log ${join(dir, 'logs', 'access.log')};
  include ${join(dir, 'broadsheet.conf')};
}
`,
  );
  const globals = [
    'daemon off;',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'logs', 'error.log')} warn;`,
    // A master started by root hands its workers to "nobody", who could not write these folders.
    ...(process.getuid?.() === 0 ? [`user ${userInfo().username};`] : []),
  ].join(' ');
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', globals], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const until = Date.now() + 10_000;
  while (!(await portAnswers(httpsPort))) {
    const errors = await readFile(join(dir, 'logs', 'error.log'), 'utf8').catch(() => '');
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${out}${errors}`);
    if (Date.now() > until) throw new Error(`nginx did not listen within 10 s: ${out}${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    publicUrl,
    httpsPort,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    certificate: await readFile(cert, 'utf8'),
    accessLog: () => readFile(join(dir, 'logs', 'broadsheet-access.log'), 'utf8').catch(() => ''),
    errorLog: () => readFile(join(dir, 'logs', 'broadsheet-error.log'), 'utf8').catch(() => ''),
    output: () => out,
    async stop() {
      // SIGQUIT: nginx's graceful stop, as `nginx -s quit` sends it.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
