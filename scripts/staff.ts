// Staff accounts from the command line, for the first admin or a locked-out newsroom:
//   npm run staff -- create --email a@b.org --name "A B" --role admin
//     (the password comes from BROADSHEET_PASSWORD, or is asked for without echo in a terminal)
//   npm run staff -- list
import 'dotenv/config';
import { parseArgs } from 'node:util';
import {
  createStaffMember,
  listStaff,
  parseEmail,
  parseRole,
  STAFF_ROLES,
} from '../src/admin/staff/staff.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { DomainError, Invalid } from '../src/http/errors.js';
import { openStorage, type Storage } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';

const USAGE = `Usage:
  npm run staff -- create --email <email> --name "<name>" --role <${STAFF_ROLES.join('|')}>
      The password is read from BROADSHEET_PASSWORD, or asked for (not shown) when run in a terminal.
  npm run staff -- list`;

class UsageError extends Error {}

/** Reads a line from the terminal without echoing it. */
function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    // Echo goes off before the prompt shows: whatever is typed after seeing it must never appear.
    stdin.setRawMode(true);
    process.stdout.write(prompt);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          return resolve(value);
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          return reject(new UsageError('Cancelled.'));
        }
        value = ch === '\u007f' || ch === '\b' ? value.slice(0, -1) : value + ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function password(): Promise<{ password: string; confirm?: string }> {
  const fromEnv = process.env.BROADSHEET_PASSWORD;
  if (fromEnv) return { password: fromEnv };
  if (!process.stdin.isTTY) {
    throw new UsageError(
      'No password: set BROADSHEET_PASSWORD, or run this in a terminal to be asked for one.',
    );
  }
  const first = await readHidden('Password (at least 12 characters): ');
  const confirm = await readHidden('Password again: ');
  return { password: first, confirm };
}

async function create(storage: Storage, values: Record<string, string | undefined>): Promise<string> {
  const missing = ['email', 'name', 'role'].filter((k) => !values[k]);
  if (missing.length > 0) throw new UsageError(`Missing --${missing.join(', --')}.\n\n${USAGE}`);
  // Wrong details are reported before anyone types a password for them.
  const email = parseEmail(values.email);
  const fields: Record<string, string> = {};
  if ('problem' in email) fields.email = `Email ${email.problem}.`;
  if (!parseRole(values.role)) fields.role = `Role must be one of ${STAFF_ROLES.join(', ')}.`;
  if (Object.keys(fields).length > 0) throw new Invalid('Bad details.', fields);
  const staff = await createStaffMember(
    storage.db,
    { email: values.email!, name: values.name!, role: values.role!, ...(await password()) },
    new Date(),
  );
  return `Created ${staff.role} ${staff.name} <${staff.email}> (id ${staff.id}).`;
}

async function list(storage: Storage): Promise<string> {
  const staff = await listStaff(storage.db);
  if (staff.length === 0) return 'Nobody is on the staff yet.';
  return staff
    .map((s) =>
      [
        String(s.id).padStart(4),
        s.role.padEnd(11),
        s.disabledAt ? 'disabled' : 'active  ',
        s.email,
        `(${s.name})`,
      ].join('  '),
    )
    .join('\n');
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
  });
  const command = positionals[0];
  if (command !== 'create' && command !== 'list') throw new UsageError(USAGE);
  const config = loadConfig(process.env);
  const storage = openStorage(config.databaseUrl);
  try {
    await migrateToLatest(storage.db);
    const out = command === 'create' ? await create(storage, values) : await list(storage);
    process.stdout.write(`${out}\n`);
    if (command === 'create') process.stdout.write(`Sign in at ${config.publicUrl}/admin\n`);
    return 0;
  } finally {
    await storage.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof DomainError) {
      const details = Object.values(error.fields);
      process.stderr.write(`staff: ${details.length > 0 ? details.join('\n       ') : error.message}\n`);
    } else if (
      error instanceof UsageError ||
      error instanceof ConfigError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`staff: ${(error as Error).message}\n`);
    } else {
      process.stderr.write(`staff: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exit(1);
  },
);
