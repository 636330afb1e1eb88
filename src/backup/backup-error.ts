// The one error a backup or a restore stops with: a sentence for the person running the command, printed
// as one line, never with a stack or the database's address.
export class BackupError extends Error {
  override name = 'BackupError';
}
