// How `npm run export` ends: with main's exit code, or with one line on stderr
// and exit code 1. A refusal it expects (bad arguments, settings, archive) is said as it is.
import { ConfigError } from '../config.js';
import { ExportError } from './export-error.js';

export function runExportCommand(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const known =
        error instanceof ExportError ||
        error instanceof ConfigError ||
        (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${name}: ${known ? message : `failed: ${message}`}\n`);
      process.exit(1);
    },
  );
}
