// What a backup archive says about itself (manifest.json, its first entry), and whether this version of
// Broadsheet can restore it: the same archive format, and a schema it knows every migration of.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { BackupError } from './backup-error.js';

export const MANIFEST_NAME = 'manifest.json';
export const ARCHIVE_FORMAT = 'broadsheet-backup';
/** Raised when the layout of the archive changes; a restore refuses a format it does not know. */
export const FORMAT_VERSION = 1;

const tableSchema = z.object({ columns: z.array(z.string()), rows: z.number().int().min(0) });

const mediaFileSchema = z.object({
  key: z.string().min(1),
  contentType: z.string().min(1),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.number().int().min(1),
  createdAt: z.string(),
  broadsheetVersion: z.string(),
  dialect: z.enum(['sqlite', 'postgres']),
  /** Applied schema migrations, in order, at the moment of the snapshot. */
  migrations: z.array(z.string()),
  // Table names become file names in the archive: plain SQL identifiers only.
  tables: z.record(z.string().regex(/^[a-z_][a-z0-9_]*$/), tableSchema),
  media: z.array(mediaFileSchema),
  /** A keyed hash that tells whether the restoring installation signs with the same secret, and nothing more. */
  secretFingerprint: z.string().optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type TableManifest = z.infer<typeof tableSchema>;
export type MediaFileManifest = z.infer<typeof mediaFileSchema>;

/** Parses manifest.json's text; anything but a manifest this version can read is a BackupError. */
export function parseManifest(text: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError("The archive's manifest.json is not valid JSON; the archive is damaged.");
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== ARCHIVE_FORMAT)
    throw new BackupError('This is not a Broadsheet backup (its manifest names no Broadsheet format).');
  const version = (json as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > FORMAT_VERSION) {
    throw new BackupError(
      `This backup's archive format (version ${version}) is newer than this Broadsheet reads (version ${FORMAT_VERSION}); upgrade Broadsheet first.`,
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackupError(
      `The archive's manifest.json is damaged (${issue.path.join('.') || 'manifest'}: ${issue.message}).`,
    );
  }
  return parsed.data;
}

/**
 * The backup's migrations must be the first of this version's, in order: a backup with a migration this
 * version does not know comes from a newer schema, and its rows may not fit these tables.
 */
export function checkSchemaCompatible(manifest: Manifest, known: readonly string[]): void {
  if (manifest.migrations.length === 0)
    throw new BackupError('The backup names no schema migrations; it cannot be restored.');
  manifest.migrations.forEach((name, i) => {
    if (known[i] === name) return;
    if (!known.includes(name)) {
      throw new BackupError(
        `This backup was made by a newer Broadsheet: its schema has migration ${name}, which this version does not know. Upgrade Broadsheet, then restore.`,
      );
    }
    throw new BackupError(
      `The backup's schema migrations are out of order at ${name}; the manifest is damaged.`,
    );
  });
}

/**
 * Comment bans, sign-in limits and emailed links are keyed with the app's secret, which the archive does not
 * hold; this HMAC lets a restore tell whether the new installation has the same one without revealing it.
 */
export function secretFingerprint(secret: string): string {
  return createHmac('sha256', secret).update('broadsheet-backup:secret-fingerprint').digest('base64url');
}
