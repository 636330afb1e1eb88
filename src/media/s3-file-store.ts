// Media files in S3-compatible storage (AWS S3, MinIO, R2, Spaces…), through the official AWS SDK. Loaded
// only when MEDIA_STORAGE names a bucket (open-file-store.ts), so a server on a local folder never loads it.
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { MediaStorageConfig } from '../config.js';
import { Invalid } from '../http/errors.js';
import {
  type FileStore,
  isSafeKey,
  type ListedFile,
  MediaStorageFailed,
  type StoredFileInfo,
} from './file-store.js';

type S3Settings = Extract<MediaStorageConfig, { kind: 's3' }>;

// Written keys never change: a public bucket or a CDN in front of it may keep them for a year, as /media/ says.
const IMMUTABLE = 'public, max-age=31536000, immutable';

// Failures of the connection itself (refused, no such host, reset, timed out): the bucket may be back soon.
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'TimeoutError',
  'RequestTimeout',
  'ServiceUnavailable',
  'SlowDown',
  'InternalError',
]);

function errorName(error: unknown): string {
  const e = error as { code?: string; name?: string; Code?: string } | null;
  return String(e?.code ?? e?.Code ?? e?.name ?? 'Error');
}

function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

function isMissing(error: unknown): boolean {
  const name = errorName(error);
  return name === 'NotFound' || name === 'NoSuchKey' || httpStatus(error) === 404;
}

export class S3FileStore implements FileStore {
  /** "bucket "news-media" at https://…": how messages name the storage (never with a key or secret). */
  private readonly where: string;

  constructor(
    private readonly client: S3Client,
    private readonly settings: Pick<S3Settings, 'bucket' | 'prefix' | 'endpoint'>,
  ) {
    this.where = `bucket "${settings.bucket}"${settings.endpoint ? ` at ${new URL(settings.endpoint).origin}` : ''}`;
  }

  private objectKey(key: string): string {
    if (!isSafeKey(key))
      throw new Invalid('That is not a valid media file name.', { key: 'is not a safe key' });
    return this.settings.prefix ? `${this.settings.prefix}/${key}` : key;
  }

  /** The SDK's error as a MediaStorageFailed naming the bucket; the SDK's own words stay out of the page. */
  private failure(error: unknown): MediaStorageFailed {
    const name = errorName(error);
    const cause = (error as { cause?: unknown } | null)?.cause;
    const unreachable =
      UNREACHABLE.has(name) || UNREACHABLE.has(errorName(cause)) || (httpStatus(error) ?? 0) >= 500;
    if (unreachable) {
      return new MediaStorageFailed(
        'unreachable',
        `The media storage (${this.where}) cannot be reached.`,
        'check it and S3_ENDPOINT, or try again in a moment.',
        name,
      );
    }
    return new MediaStorageFailed(
      'refused',
      `The media storage (${this.where}) refused the request (${name}).`,
      "check MEDIA_STORAGE and the storage's keys.",
      name,
    );
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    const Key = this.objectKey(key);
    try {
      // One request with its length: S3 stores the whole object or nothing, never a part of it.
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.settings.bucket,
          Key,
          Body: data,
          ContentType: contentType,
          ContentLength: data.length,
          CacheControl: IMMUTABLE,
        }),
      );
    } catch (error) {
      throw this.failure(error);
    }
  }

  async get(key: string): Promise<Buffer | null> {
    const Key = this.objectKey(key);
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key }));
      if (!answer.Body) return null;
      return Buffer.from(await answer.Body.transformToByteArray());
    } catch (error) {
      if (isMissing(error)) return null;
      throw this.failure(error);
    }
  }

  async stat(key: string): Promise<StoredFileInfo | null> {
    const Key = this.objectKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key }));
      // S3's ETag is already a quoted strong validator of the bytes.
      return {
        size: head.ContentLength ?? 0,
        etag: head.ETag ?? `"${(head.ContentLength ?? 0).toString(36)}"`,
      };
    } catch (error) {
      if (isMissing(error)) return null;
      throw this.failure(error);
    }
  }

  async stream(key: string): Promise<Readable | null> {
    const Key = this.objectKey(key);
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key }));
      // In Node the SDK's body is an http.IncomingMessage: a Readable Fastify can pipe and destroy.
      return (answer.Body as Readable | undefined) ?? null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw this.failure(error);
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  /** The bucket answers with these keys (for /readyz): one HEAD request, no object read. */
  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket }));
    } catch (error) {
      throw this.failure(error);
    }
  }

  async delete(key: string): Promise<void> {
    const Key = this.objectKey(key);
    try {
      // S3 answers 204 for a missing key too.
      await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key }));
    } catch (error) {
      if (isMissing(error)) return;
      throw this.failure(error);
    }
  }

  async *list(): AsyncIterable<ListedFile> {
    const prefix = this.settings.prefix ? `${this.settings.prefix}/` : '';
    let token: string | undefined;
    do {
      let page: ListObjectsV2CommandOutput;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.settings.bucket,
            Prefix: prefix,
            ContinuationToken: token,
          }),
        );
      } catch (error) {
        throw this.failure(error);
      }
      for (const object of page.Contents ?? []) {
        const key = (object.Key ?? '').slice(prefix.length);
        // Anything else a person put in the bucket is not ours to copy.
        if (isSafeKey(key)) yield { key, size: object.Size ?? 0 };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}

/** The store for MEDIA_STORAGE=s3://…, with the endpoint, region and keys from the settings. */
export function s3FileStore(settings: S3Settings): S3FileStore {
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    // Checksums only where S3 requires them: several S3-compatible servers refuse the SDK's newer default.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // Without these an unreachable bucket would hold an upload (and a reader's /media/ request) for minutes.
    requestHandler: { connectionTimeout: 3000, requestTimeout: 30_000 },
    maxAttempts: 3,
  });
  return new S3FileStore(client, settings);
}
