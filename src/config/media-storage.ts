// Where media files live (the folder MEDIA_DIR, or an S3-compatible bucket) and where readers fetch them:
// the settings, the reading of MEDIA_STORAGE's address, and the shape media/open-file-store.ts opens.
// Together because a bucket needs all of them at once (its address, endpoint, region and keys).
import { z } from 'zod';
import { booleanSetting } from './boolean-setting.js';
import { ConfigError } from './config-error.js';

export type MediaStorageConfig =
  | { kind: 'local'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      /** Folder inside the bucket, without slashes at either end; '' for the bucket's root. */
      prefix: string;
      endpoint: string | undefined;
      region: string;
      forcePathStyle: boolean;
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
    };

/** The media storage settings, a part of config.ts's schema. */
export const mediaStorageSchema = z.object({
  // s3://bucket/prefix: media in S3-compatible storage, shared by every instance (see mediaStorageConfig below).
  MEDIA_STORAGE: z
    .string()
    .transform((value, ctx) => {
      const storage = parseMediaStorage(value);
      if ('problem' in storage) {
        ctx.addIssue({ code: 'custom', message: storage.problem });
        return z.NEVER;
      }
      return storage;
    })
    .optional(),
  // Where readers fetch media from (a public bucket's address or a CDN host) instead of this app's /media/.
  MEDIA_PUBLIC_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
    .refine((u) => !/[?#]/.test(u), 'must not have a query or a fragment: file names are added to its end')
    .optional(),
  // Another server speaking S3 (MinIO, R2, Spaces, a local stand-in); AWS's own for the region when unset.
  S3_ENDPOINT: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
    .refine(
      (u) => !/^https?:\/\/[^/]*@/.test(u),
      'must not hold a user or password: give the keys as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    )
    .optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]{2,40}$/, 'must be a region name such as us-east-1 or auto')
    .default('us-east-1'),
  // Bucket in the path (host/bucket/key) rather than the host name (bucket.host/key): MinIO and most self-hosted servers want it.
  S3_FORCE_PATH_STYLE: booleanSetting.default(false),
  // Without both keys the AWS SDK looks for credentials itself (an instance role, a profile).
  AWS_ACCESS_KEY_ID: z
    .string()
    .regex(/^\S{3,128}$/, 'must be an access key id: 3 to 128 characters, no spaces')
    .optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
});

/** The folder, or the bucket MEDIA_STORAGE names with its server and keys; the keys come both or neither. */
export function mediaStorageConfig(
  c: z.infer<typeof mediaStorageSchema>,
  mediaDir: string,
): MediaStorageConfig {
  if (Boolean(c.AWS_ACCESS_KEY_ID) !== Boolean(c.AWS_SECRET_ACCESS_KEY)) {
    throw new ConfigError(
      'Settings AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together, or neither.',
    );
  }
  if (!c.MEDIA_STORAGE) return { kind: 'local', dir: mediaDir };
  return {
    kind: 's3',
    ...c.MEDIA_STORAGE,
    endpoint: c.S3_ENDPOINT,
    region: c.S3_REGION,
    forcePathStyle: c.S3_FORCE_PATH_STYLE,
    credentials:
      c.AWS_ACCESS_KEY_ID && c.AWS_SECRET_ACCESS_KEY
        ? { accessKeyId: c.AWS_ACCESS_KEY_ID, secretAccessKey: c.AWS_SECRET_ACCESS_KEY }
        : undefined,
  };
}

// S3's rules for a new bucket's name (no upper case, no underscore), and the media key's own segments.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** MEDIA_STORAGE as a bucket and a prefix, or what is wrong with it. */
function parseMediaStorage(value: string): { bucket: string; prefix: string } | { problem: string } {
  const form = 'must be s3://bucket or s3://bucket/prefix (unset keeps media in MEDIA_DIR)';
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(value.trim());
  if (!match) return { problem: form };
  const bucket = match[1]!;
  if (!BUCKET.test(bucket) || bucket.includes('..')) {
    return {
      problem: `"${bucket}" is not a bucket name (3 to 63 lower-case letters, digits, dots and dashes); ${form}`,
    };
  }
  const prefix = (match[2] ?? '').replace(/\/+$/, '');
  if (prefix !== '' && !prefix.split('/').every((s) => PREFIX_SEGMENT.test(s) && !s.includes('..'))) {
    return {
      problem: `the prefix "${prefix}" may hold only letters, digits, and . _ - between slashes; ${form}`,
    };
  }
  return { bucket, prefix };
}
