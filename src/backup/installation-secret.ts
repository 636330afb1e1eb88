// The secret an installation signs with, read as the server would find it (APP_SECRET, else the file it
// generated on first start) but never generated here: a backup or a restore must not invent one.
import { readFile } from 'node:fs/promises';
import { SECRET_FILE } from '../server/startup.js';

export async function existingAppSecret(
  configured: string | undefined,
  file = SECRET_FILE,
): Promise<string | undefined> {
  if (configured) return configured;
  const saved = await readFile(file, 'utf8').catch(() => null);
  return saved?.trim() || undefined;
}
