// docs/deploy/ as an operator follows it: every setting it names exists, the example settings file is a valid
// configuration, the nginx template's placeholders are exactly those the pages fill, the systemd units pass
// systemd-analyze (where the machine has it), and every test a page cites exists.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { fillTemplate, NGINX_TEMPLATE } from './support/nginx.js';

const run = promisify(execFile);
const DEPLOY = join(process.cwd(), 'docs', 'deploy');
const PAGES = ['single-machine.md', 'several-instances.md', 'backups.md', 'upgrades.md'];
const UNITS = ['broadsheet.service', 'broadsheet-backup.service', 'broadsheet-backup.timer'];
const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';

async function deployFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(DEPLOY, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(DEPLOY.length + 1), await readFile(path, 'utf8'));
  }
  return files;
}

/** The settings src/config.ts reads: the keys of its schema, and of the parts it takes from src/config/. */
async function settingNames(): Promise<Set<string>> {
  const parts = (await readdir(join(process.cwd(), 'src', 'config')))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => join('src', 'config', name));
  const names = new Set<string>();
  for (const file of [join('src', 'config.ts'), ...parts]) {
    const source = await readFile(join(process.cwd(), file), 'utf8');
    for (const [, schema] of source.matchAll(/z\.object\(\{\n([\s\S]*?)\n\}\)/g)) {
      for (const [, name] of schema!.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)) names.add(name!);
    }
  }
  return names;
}

describe('docs/deploy', () => {
  it('names only settings that exist (or the nginx template’s placeholders, or systemd’s own words)', async () => {
    const settings = await settingNames();
    expect(settings.has('TRUST_PROXY')).toBe(true);
    const systemdWords = new Set(['AF_UNIX', 'AF_INET', 'AF_INET6']);
    const unknown: string[] = [];
    for (const [file, text] of await deployFiles()) {
      for (const [name] of text.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)) {
        if (settings.has(name) || name.startsWith('BROADSHEET_') || systemdWords.has(name)) continue;
        unknown.push(`${file}: ${name}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('has an example settings file that is a valid production configuration behind one proxy', async () => {
    const env = parse(await readFile(join(DEPLOY, 'systemd', 'broadsheet.env'), 'utf8'));
    const config = loadConfig(env);
    expect(config.env).toBe('production');
    expect(config.publicUrl).toMatch(/^https:\/\//);
    expect(config.trustProxy).toEqual(['127.0.0.1']);
    expect(config.databaseUrl).toMatch(/^sqlite:\//);
    expect(config.appSecret?.length).toBeGreaterThanOrEqual(32);
  });

  it('fills every placeholder of the nginx template from the values single-machine.md exports, and no other', async () => {
    const template = await readFile(NGINX_TEMPLATE, 'utf8');
    const directives = template
      .split('\n')
      .filter((line) => !line.trim().startsWith('#'))
      .join('\n');
    const used = new Set([...directives.matchAll(/\$\{(BROADSHEET_[A-Z_]+)\}/g)].map((m) => m[1]!));
    const header = template.slice(0, template.indexOf('\n\n'));
    const listed = new Set([...header.matchAll(/\$\{(BROADSHEET_[A-Z_]+)\}/g)].map((m) => m[1]!));
    expect([...listed].sort()).toEqual([...used].sort());

    const page = await readFile(join(DEPLOY, 'single-machine.md'), 'utf8');
    const exported = Object.fromEntries(
      [...page.matchAll(/(BROADSHEET_[A-Z_]+)=('[^']*'|\S+)/g)].map((m) => [
        m[1]!,
        m[2]!.replace(/^'|'$/g, ''),
      ]),
    );
    expect(Object.keys(exported).sort()).toEqual([...used].sort());
    const filled = fillTemplate(template, exported);
    expect(filled).not.toMatch(/\$\{BROADSHEET_/);
    expect(filled).toContain('return 301 https://news.example.org$request_uri;');
    expect(filled).toContain('server 127.0.0.1:3000 max_fails=1 fail_timeout=3s;');
    expect(() => fillTemplate(template, {})).toThrow(/no value for \$\{BROADSHEET_/);
  });

  it('cites in each page only tests that exist, and at least three', async () => {
    for (const page of PAGES) {
      const text = await readFile(join(DEPLOY, page), 'utf8');
      const cited = [
        ...new Set([...text.matchAll(/`((?:src|test)\/[\w/.-]+\.test\.ts)`/g)].map((m) => m[1]!)),
      ];
      expect(cited.length, page).toBeGreaterThanOrEqual(3);
      for (const file of cited) expect(existsSync(join(process.cwd(), file)), `${page}: ${file}`).toBe(true);
    }
  });

  it('holds no path of the machine it was written on', async () => {
    for (const [file, text] of await deployFiles()) {
      expect(text, file).not.toMatch(/\/(work|root|home\/\w+)\/|\/tmp\/\w/);
    }
  });

  describe.skipIf(!existsSync(SYSTEMD_ANALYZE))('the systemd units', () => {
    it('pass systemd-analyze verify', async () => {
      const { stdout, stderr } = await run(SYSTEMD_ANALYZE, ['verify', ...UNITS], {
        cwd: join(DEPLOY, 'systemd'),
      });
      expect(`${stdout}${stderr}`).toBe('');
    });

    it('are rated "OK" or better by systemd-analyze security (exposure at most 2.0 of 10)', async () => {
      const { stdout } = await run(SYSTEMD_ANALYZE, ['security', '--offline=yes', 'broadsheet.service'], {
        cwd: join(DEPLOY, 'systemd'),
      }).catch((error: { stdout: string }) => error);
      const exposure = /Overall exposure level for broadsheet\.service: ([\d.]+)/.exec(stdout);
      expect(exposure, stdout).not.toBeNull();
      expect(Number(exposure![1])).toBeLessThanOrEqual(2.0);
    });
  });
});
