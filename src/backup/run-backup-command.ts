// How `npm run backup` and `npm run restore` end: with main's exit code, or with one line on stderr and exit
// code 1. A refusal they expect (bad arguments, settings, archive) is said as it is; anything else as "failed".
import { ConfigError } from '../config.js';
import { BackupError } from './backup-error.js';

export function runBackupCommand(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const known =
        error instanceof BackupError ||
        error instanceof ConfigError ||
        (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${name}: ${known ? message : `failed: ${message}`}\n`);
      process.exit(1);
    },
  );
}
