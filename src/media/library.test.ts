// The media library against real databases (a SQLite file, and PostgreSQL when it answers) and a real
// folder: what is stored, what the row says, and that a failure leaves neither rows nor files behind.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { Invalid, NotFound } from '../http/errors.js';
import { LocalFileStore } from './file-store.js';
import { getMedia, type ImportImageInput, importImage } from './library.js';

const NOW = new Date('2025-03-04T05:06:07.000Z');
const GPS_POINTER = Buffer.from([0x25, 0x88]);

async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 1400, height: 900, channels: 3, background: '#557799' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Camera' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '49/1 59/1 0/1' } })
    .toBuffer();
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

describe.each(testDatabases)('media library on $name', (database) => {
  let storage: TestStorage;
  let dir: string;
  let store: LocalFileStore;

  beforeEach(async () => {
    storage = await database.open();
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-media-'));
    store = new LocalFileStore(dir);
  });

  afterEach(async () => {
    await storage.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  const input = async (overrides: Partial<ImportImageInput> = {}): Promise<ImportImageInput> => ({
    data: await photoWithGps(),
    filename: 'IMG_0042.JPG',
    altText: 'Volunteers carry bags along the river bank',
    caption: 'The clean-up on Saturday.',
    creditPerson: 'Ana Pérez',
    creditOrganization: 'The Riverside Ledger',
    rights: 'own',
    ...overrides,
  });

  it('stores the cleaned original and every variant, then writes a row that describes them', async () => {
    const item = await importImage(storage.db, store, await input(), NOW, { newId: () => 'fixed-id' });

    expect(item).toMatchObject({
      originalKey: 'fixed-id/original.jpg',
      mimeType: 'image/jpeg',
      width: 1400,
      height: 900,
      altText: 'Volunteers carry bags along the river bank',
      creditPerson: 'Ana Pérez',
      rights: 'own',
      licenseUrl: null,
      licenseExpiresAt: null,
      copyrightNotice: null,
    });
    expect(item.id).toBeGreaterThan(0);
    expect(item.variants.map((v) => `${v.width}.${v.format}`)).toEqual([
      '320.avif',
      '320.webp',
      '320.jpeg',
      '640.avif',
      '640.webp',
      '640.jpeg',
      '960.avif',
      '960.webp',
      '960.jpeg',
      '1280.avif',
      '1280.webp',
      '1280.jpeg',
    ]);
    for (const v of item.variants) expect(await store.exists(v.key), v.key).toBe(true);
    expect((await filesUnder(dir)).sort()).toEqual(
      [item.originalKey, ...item.variants.map((v) => v.key)].sort(),
    );

    const original = (await store.get(item.originalKey))!;
    const meta = await sharp(original).metadata();
    expect(meta.exif).toBeUndefined();
    expect(original.includes(GPS_POINTER)).toBe(false);

    const row = await storage.db
      .selectFrom('media')
      .selectAll()
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(row.bytes).toBe(original.length);
    expect(new Date(row.created_at).toISOString()).toBe(NOW.toISOString());
    expect(JSON.parse(row.variants)).toEqual(item.variants);
  });

  it('reads an item back with getMedia, and answers NotFound for an id that does not exist', async () => {
    const item = await importImage(storage.db, store, await input(), NOW);
    expect(await getMedia(storage.db, item.id)).toEqual(item);
    await expect(getMedia(storage.db, item.id + 1000)).rejects.toBeInstanceOf(NotFound);
  });

  it('keeps licence terms, normalising the expiry to a UTC time', async () => {
    const item = await importImage(
      storage.db,
      store,
      await input({
        rights: 'licensed',
        licenseUrl: 'https://agency.example/licence/123',
        licenseExpiresAt: '2026-01-31T18:00:00-06:00',
        copyrightNotice: '© Agency 2025',
      }),
      NOW,
    );
    expect(item.licenseUrl).toBe('https://agency.example/licence/123');
    expect(new Date(item.licenseExpiresAt!).toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(item.copyrightNotice).toBe('© Agency 2025');
  });

  it('needs the date a licensed image’s licence ends, and takes the licence URL only as a web address', async () => {
    const refuse = async (overrides: Partial<ImportImageInput>) =>
      (
        (await importImage(storage.db, store, await input(overrides), NOW).catch(
          (e: unknown) => e,
        )) as Invalid
      ).fields;
    expect(await refuse({ rights: 'licensed', licenseUrl: 'https://agency.example/licence/1' })).toEqual({
      licenseExpiresAt: 'Licensed images need the date their licence ends.',
    });
    expect(await refuse({ rights: 'licensed', licenseExpiresAt: '' })).toEqual({
      licenseExpiresAt: 'Licensed images need the date their licence ends.',
    });
    expect(
      await refuse({ rights: 'licensed', licenseExpiresAt: '2026-12-31', licenseUrl: 'javascript:alert(1)' }),
    ).toEqual({ licenseUrl: 'must be a web address' });
    expect(await storage.db.selectFrom('media').select('id').execute()).toEqual([]);
    // The URL stays optional: many agreements are on paper. Other rights need no end date.
    const paper = await importImage(
      storage.db,
      store,
      await input({ rights: 'licensed', licenseExpiresAt: '2026-12-31' }),
      NOW,
    );
    expect(paper).toMatchObject({ licenseUrl: null, licenseExpiresAt: '2026-12-31T00:00:00.000Z' });
    const agency = await importImage(storage.db, store, await input({ rights: 'agency' }), NOW);
    expect(agency.licenseExpiresAt).toBeNull();
  });

  it('refuses missing words and rights, naming each field, and stores nothing', async () => {
    const error = await importImage(
      storage.db,
      store,
      await input({
        altText: '  ',
        rights: 'licensed',
        creditPerson: '',
        creditOrganization: '',
        licenseUrl: 'ftp://x',
      }),
      NOW,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect(Object.keys((error as Invalid).fields).sort()).toEqual([
      'altText',
      'creditPerson',
      'licenseExpiresAt',
      'licenseUrl',
    ]);
    expect(await storage.db.selectFrom('media').select('id').execute()).toEqual([]);
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('rejects a text file named like a photo, by its content, and stores nothing', async () => {
    const text = Buffer.from('This is a press release, not a picture.\n');
    const error = await importImage(
      storage.db,
      store,
      await input({ data: text, filename: 'photo.jpg' }),
      NOW,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).message).toMatch(/not an image/);
    expect(await storage.db.selectFrom('media').select('id').execute()).toEqual([]);
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('removes the files it wrote when the row cannot be inserted', async () => {
    await importImage(storage.db, store, await input(), NOW, { newId: () => 'same' });
    // A second store, so the first image's files are untouched; the clashing storage key fails the insert.
    const otherDir = await mkdtemp(join(tmpdir(), 'broadsheet-media-'));
    try {
      const other = new LocalFileStore(otherDir);
      await expect(
        importImage(storage.db, other, await input(), NOW, { newId: () => 'same' }),
      ).rejects.toThrow();
      expect(await filesUnder(otherDir)).toEqual([]);
      expect(await storage.db.selectFrom('media').select('id').execute()).toHaveLength(1);
      expect((await filesUnder(dir)).length).toBe(13);
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });
});
