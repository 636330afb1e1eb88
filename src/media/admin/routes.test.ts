// The media library through the whole app (inject, real databases, real files): uploads good and bad, the
// messages a person sees and what they keep, who may do what, CSRF, the rate limit, editing and the picker.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_ORIGIN, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { addStaff, type Browserish, follow, post, signInAs } from '../../../test/support/newsroom.js';
import { type MediaItem, mediaFromRow, mediaTag } from '../media.js';

const GPS_POINTER = Buffer.from([0x25, 0x88]);
const MB = 1024 * 1024;

async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 1000, height: 700, channels: 3, background: '#336699' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Camera' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '49/1 59/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '36/1 13/1 0/1',
      },
    })
    .toBuffer();
}

const DETAILS = {
  altText: 'Boats tied up in the harbour at dawn',
  caption: 'The fleet stays in port',
  creditPerson: 'Ana Silva',
  creditOrganization: 'Harbour Times',
  rights: 'own',
  licenseUrl: '',
  licenseExpiresAt: '',
  copyrightNotice: '© 2026 Ana Silva',
};

/** A multipart body as a browser sends it, serialised by Node's own FormData and Request. */
async function multipart(fields: Record<string, string>, file?: UploadFile) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  const request = new Request('http://127.0.0.1/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), type: request.headers.get('content-type')! };
}

type UploadFile = { name: string; type: string; data: Buffer };

async function postUpload(
  app: FastifyInstance,
  who: Browserish | null,
  fields: Record<string, string>,
  file?: UploadFile,
  headers: Record<string, string> = {},
) {
  const body = await multipart(who ? { _csrf: who.csrf, ...fields } : fields, file);
  return app.inject({
    method: 'POST',
    url: '/admin/media',
    headers: {
      origin: TEST_ORIGIN,
      'content-type': body.type,
      ...(who ? { cookie: who.cookie } : {}),
      ...headers,
    },
    payload: body.payload,
  });
}

describe.each(testDatabases)('the newsroom media library on $name', (database) => {
  let site: TestApp;
  let photo: Buffer;
  let changes: string[];
  const people = {} as Record<'contributor' | 'other' | 'editor', Browserish & { id: number }>;

  // Today's time, but still: the upload limit counts in fixed windows a moving clock could cross mid-test.
  const now = new Date();

  beforeAll(async () => {
    site = await buildTestApp({ database, clock: () => now });
    photo = await photoWithGps();
    changes = [];
    site.deps.events.onChange((tags) => changes.push(...tags));
    for (const [key, role] of [
      ['contributor', 'contributor'],
      ['other', 'contributor'],
      ['editor', 'editor'],
    ] as const) {
      const staff = await addStaff(site.storage.db, role, {
        email: `${key}@example.org`,
        name: `${key} person`,
      });
      people[key] = { ...(await signInAs(site.app, staff.email)), id: staff.id };
    }
  });
  afterAll(() => site.close());

  const upload = (
    who: Browserish | null,
    fields: Record<string, string>,
    file?: UploadFile,
    headers: Record<string, string> = {},
  ) => postUpload(site.app, who, fields, file, headers);

  const jpeg = (data: Buffer, name = 'harbour.jpg') => ({ name, type: 'image/jpeg', data });
  const count = async () =>
    Number(
      (
        await site.storage.db
          .selectFrom('media')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const itemOf = async (id: number): Promise<MediaItem & { uploadedBy: number | null }> => {
    const row = await site.storage.db
      .selectFrom('media')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { ...mediaFromRow(row), uploadedBy: row.uploaded_by };
  };
  const idFrom = (location: unknown) => Number(/^\/admin\/media\/(\d+)$/.exec(String(location))?.[1]);

  it('stores a contributor’s JPEG with its words, credited to them, without the GPS position in any file', async () => {
    const response = await upload(people.contributor, DETAILS, jpeg(photo));
    expect(response.statusCode).toBe(303);
    const id = idFrom(response.headers.location);
    const item = await itemOf(id);
    expect(item).toMatchObject({
      altText: DETAILS.altText,
      caption: DETAILS.caption,
      creditPerson: 'Ana Silva',
      creditOrganization: 'Harbour Times',
      rights: 'own',
      copyrightNotice: '© 2026 Ana Silva',
      mimeType: 'image/jpeg',
      width: 1000,
      uploadedBy: people.contributor.id,
    });
    expect(photo.includes(GPS_POINTER)).toBe(true);
    const keys = [item.originalKey, ...item.variants.map((v) => v.key)];
    expect(item.variants.length).toBeGreaterThanOrEqual(6);
    for (const key of keys) {
      const data = (await site.files.get(key))!;
      expect(data, key).not.toBeNull();
      expect((await sharp(data).metadata()).exif, key).toBeUndefined();
      expect(data.includes(GPS_POINTER), key).toBe(false);
    }
    const page = await follow(site.app, response, people.contributor);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Image added to the library.');
    expect(page.body).toContain('The fleet stays in port');
    expect(page.body).toContain('Ana Silva, Harbour Times');
  });

  it('asks for the end date of a licensed image beside its field, keeping what was typed', async () => {
    const before = await count();
    const response = await upload(
      people.contributor,
      {
        ...DETAILS,
        rights: 'licensed',
        licenseUrl: 'https://agency.example/licence/7',
        caption: 'Typed before the refusal',
      },
      jpeg(photo),
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(
      /id="f-licenseExpiresAt-error">Licensed images need the date their licence ends.</,
    );
    expect(response.body).toMatch(/id="f-licenseExpiresAt"[^>]*aria-invalid="true"/);
    expect(response.body).toContain('Typed before the refusal</textarea>');
    expect(response.body).toContain('value="https://agency.example/licence/7"');
    expect(response.body).toMatch(/<option value="licensed" selected/);
    expect(await count()).toBe(before);

    const dated = await upload(
      people.contributor,
      { ...DETAILS, rights: 'licensed', licenseExpiresAt: '2027-01-31' },
      jpeg(photo),
    );
    expect(dated.statusCode).toBe(303);
    expect(await itemOf(idFrom(dated.headers.location))).toMatchObject({
      rights: 'licensed',
      licenseUrl: null,
      licenseExpiresAt: '2027-01-31T00:00:00.000Z',
    });
  });

  it('refuses a text file named .jpg with a clear message, keeping every word typed', async () => {
    const before = await count();
    const response = await upload(
      people.contributor,
      { ...DETAILS, caption: 'Keep this caption <b>safe</b>' },
      jpeg(Buffer.from('this is not a picture at all'), 'photo.jpg'),
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain(
      'That file is not an image we can read. Upload a JPEG, PNG, WebP, AVIF or GIF image.',
    );
    expect(response.body).toContain('choose the file again');
    // The caption comes back, escaped, in its field.
    expect(response.body).toContain('Keep this caption &lt;b>safe&lt;/b></textarea>');
    expect(response.body).toContain(`value="${DETAILS.creditPerson}"`);
    expect(await count()).toBe(before);
  });

  it('says how large a too-large file is and what the limit is, not a bare 413, keeping the words', async () => {
    const before = await count();
    const response = await upload(people.contributor, DETAILS, jpeg(Buffer.alloc(52 * MB, 1)));
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('That file is 52 MB; the limit is 40 MB.');
    expect(response.body).toContain(`${DETAILS.altText}</textarea>`);
    expect(await count()).toBe(before);
  });

  it('refuses a request far past the limit before reading it, still saying why', async () => {
    const response = await site.app.inject({
      method: 'POST',
      url: '/admin/media',
      headers: {
        origin: TEST_ORIGIN,
        cookie: people.contributor.cookie,
        'content-type': 'multipart/form-data; boundary=unread',
        'content-length': String(300 * MB),
      },
      payload: Readable.from([]),
    });
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('That file is 300 MB; the limit is 40 MB.');
    expect(response.headers.connection).toBe('close');
  });

  it('asks for alt text beside its field, and names a missing file and rights in the same answer', async () => {
    const response = await upload(people.contributor, { ...DETAILS, altText: '  ', rights: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(
      /id="f-altText-error">Alt text is required: describe the image for readers who cannot see it</,
    );
    expect(response.body).toContain('aria-invalid="true"');
    expect(response.body).toMatch(/id="f-file-error">Choose an image to upload.</);
    expect(response.body).toMatch(/id="f-rights-error">Usage rights must be one of the usage rights</);
    expect(response.body).toContain(`${DETAILS.caption}</textarea>`);
  });

  it('answers the upload script in JSON: the new image’s address, or the field messages', async () => {
    const ok = await upload(people.contributor, DETAILS, jpeg(photo), { accept: 'application/json' });
    expect(ok.statusCode).toBe(201);
    const created = ok.json() as { id: number; location: string };
    expect(created.location).toBe(`/admin/media/${created.id}`);
    const bad = await upload(
      people.contributor,
      { ...DETAILS, rights: 'agency', creditPerson: '', creditOrganization: '' },
      jpeg(photo),
      {
        accept: 'application/json',
      },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      error: {
        code: 'INVALID',
        message: 'The image was not added. Please correct the marked fields.',
        fields: { creditPerson: 'Credit: person is required for licensed and agency images' },
      },
    });
  });

  it('refuses anonymous visitors and forged forms before storing anything', async () => {
    const before = await count();
    const anonymous = await upload(null, DETAILS, jpeg(photo));
    expect(anonymous.statusCode).toBe(401);
    for (const url of ['/admin/media', '/admin/media/new', '/admin/media/picker']) {
      const page = await site.app.inject({ url });
      expect(page.statusCode, url).toBe(302);
      expect(page.headers.location).toContain('/admin/sign-in');
    }
    const forged = await upload(
      { cookie: people.contributor.cookie, csrf: 'not-the-token' },
      DETAILS,
      jpeg(photo),
    );
    expect(forged.statusCode).toBe(403);
    const crossSite = await upload(people.contributor, DETAILS, jpeg(photo), {
      origin: 'https://evil.example',
    });
    expect(crossSite.statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('lets the uploader and editors change the words, not another contributor, and refreshes cached pages', async () => {
    const id = idFrom((await upload(people.contributor, DETAILS, jpeg(photo))).headers.location);
    const edit = (who: Browserish, fields: Record<string, string>) =>
      post(site.app, `/admin/media/${id}`, fields, who);

    changes.length = 0;
    const refused = await edit(people.other, { ...DETAILS, caption: 'Hijacked' });
    expect(refused.statusCode).toBe(403);
    expect((await itemOf(id)).caption).toBe(DETAILS.caption);
    const otherView = await site.app.inject({
      url: `/admin/media/${id}`,
      headers: { cookie: people.other.cookie },
    });
    expect(otherView.body).toContain('Only editors, and whoever uploaded it');
    expect(otherView.body).not.toContain(`action="/admin/media/${id}"`);
    expect(changes).toEqual([]);

    const own = await edit(people.contributor, { ...DETAILS, caption: 'The fleet, day two' });
    expect(own.statusCode).toBe(303);
    expect((await itemOf(id)).caption).toBe('The fleet, day two');
    expect(changes).toEqual([mediaTag(id)]);

    const editor = await edit(people.editor, {
      ...DETAILS,
      caption: 'The fleet, day two',
      rights: 'licensed',
      licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
      licenseExpiresAt: '2027-03-01',
    });
    expect(editor.statusCode).toBe(303);
    expect(await itemOf(id)).toMatchObject({
      rights: 'licensed',
      licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
      licenseExpiresAt: '2027-03-01T00:00:00.000Z',
    });

    const invalid = await edit(people.editor, {
      ...DETAILS,
      licenseUrl: 'javascript:alert(1)',
      caption: 'Typed and kept',
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toMatch(/id="f-licenseUrl-error">Licence URL must be a web address</);
    expect(invalid.body).toContain('Typed and kept</textarea>');
    expect((await itemOf(id)).caption).toBe('The fleet, day two');
  });

  it('lists images in the library and hands a picked one back to the editor’s return address only', async () => {
    const library = await site.app.inject({
      url: '/admin/media?q=fleet',
      headers: { cookie: people.contributor.cookie },
    });
    expect(library.statusCode).toBe(200);
    expect(library.body).toContain('Boats tied up in the harbour at dawn');
    expect(library.body).toContain('Not used yet.');

    const picker = await site.app.inject({
      url: `/admin/media/picker?return=${encodeURIComponent('/admin/articles/7?tab=body')}`,
      headers: { cookie: people.editor.cookie },
    });
    expect(picker.statusCode).toBe(200);
    expect(picker.body).toMatch(/href="\/admin\/articles\/7\?tab=body&amp;media=\d+"[^>]*data-pick/);
    expect(picker.body).toContain(
      `href="/admin/media/new?return=${encodeURIComponent('/admin/articles/7?tab=body')}"`,
    );

    const elsewhere = await site.app.inject({
      url: `/admin/media/picker?return=${encodeURIComponent('https://evil.example/steal')}`,
      headers: { cookie: people.editor.cookie },
    });
    expect(elsewhere.body).not.toContain('evil.example');
    expect(elsewhere.body).toMatch(/href="\/admin\/media\/\d+"[^>]*data-pick/);
  });

  it('limits how fast one person can upload', async () => {
    const fresh = await addStaff(site.storage.db, 'contributor', { email: 'busy@example.org' });
    const busy = await signInAs(site.app, fresh.email);
    const codes: number[] = [];
    for (let i = 0; i < 61; i += 1) codes.push((await upload(busy, { ...DETAILS, altText: '' })).statusCode);
    expect(codes.slice(0, 60).every((c) => c === 400)).toBe(true);
    expect(codes[60]).toBe(429);
    // Someone else is not slowed down by it.
    expect((await upload(people.editor, { ...DETAILS, altText: '' })).statusCode).toBe(400);
  });
});

describe.each(testDatabases)('the image queue on $name', (database) => {
  // Rendering it takes far longer than uploads sent together take to arrive one after the other.
  let photo: Buffer;
  beforeAll(async () => {
    photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
  });

  async function siteWith(concurrency: number, waiting: number) {
    const site = await buildTestApp({
      database,
      env: { IMAGE_CONCURRENCY: String(concurrency), IMAGE_QUEUE_LENGTH: String(waiting) },
    });
    const staff = await addStaff(site.storage.db, 'editor', { email: 'queue@example.org' });
    return { site, who: await signInAs(site.app, staff.email) };
  }

  /** Sends uploads together, as several people pressing "Upload" at the same moment. */
  async function uploadsAtOnce(app: FastifyInstance, who: Browserish, count: number) {
    const file = { name: 'harbour.jpg', type: 'image/jpeg', data: photo };
    const responses = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        postUpload(app, who, { ...DETAILS, caption: `Upload number ${i}` }, file),
      ),
    );
    return responses.map((r) => r.statusCode).sort();
  }

  it('takes as many uploads at once as it runs and lets wait, and refuses the rest', async () => {
    for (const [concurrency, waiting, accepted] of [
      [1, 0, 1],
      [1, 1, 2],
      [2, 0, 2],
    ] as const) {
      const { site, who } = await siteWith(concurrency, waiting);
      try {
        const codes = await uploadsAtOnce(site.app, who, 3);
        const expected = [...Array(accepted).fill(303), ...Array(3 - accepted).fill(503)];
        expect(codes, `concurrency ${concurrency}, ${waiting} waiting`).toEqual(expected);
        const rows = await site.storage.db.selectFrom('media').select('id').execute();
        expect(rows).toHaveLength(accepted);
      } finally {
        await site.close();
      }
    }
  }, 90_000);

  it('refuses a full queue with 503 and Retry-After, keeping every word typed; the next upload is taken', async () => {
    const { site, who } = await siteWith(1, 0);
    try {
      const file = { name: 'harbour.jpg', type: 'image/jpeg', data: photo };
      const typed = { ...DETAILS, caption: 'Typed while the server was busy <i>here</i>' };
      // Which of uploads sent together takes the one place is up to the machine; two of each kind are sent,
      // so whichever is taken, a refused page and a refused JSON answer are there to read.
      const sent = await Promise.all([
        postUpload(site.app, who, typed, file),
        postUpload(site.app, who, typed, file),
        postUpload(site.app, who, typed, file, { accept: 'application/json' }),
        postUpload(site.app, who, typed, file, { accept: 'application/json' }),
      ]);
      // Exactly one took the place (303 to the library as a page, 201 as JSON); the three others are refused.
      const busy = (r: (typeof sent)[number]) =>
        r.statusCode === 503 && /The server is busy with other images|"BUSY"/.test(r.body);
      const statuses = sent.map((r) => `${r.statusCode} ${r.body.slice(0, 120)}`).join('\n');
      expect(sent.filter(busy), statuses).toHaveLength(3);
      expect(
        sent.filter((r, i) => r.statusCode === (i < 2 ? 303 : 201)),
        statuses,
      ).toHaveLength(1);
      const refused = sent.slice(0, 2).find(busy);
      const json = sent.slice(2).find(busy);
      if (!refused || !json)
        throw new Error(`expected a refused page and a refused JSON answer:\n${statuses}`);

      expect(refused.statusCode).toBe(503);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refused.headers['content-type']).toContain('text/html');
      expect(refused.body).toContain('The server is busy with other images.');
      expect(refused.body).toContain('choose the file again');
      expect(refused.body).toContain('Typed while the server was busy &lt;i>here&lt;/i></textarea>');
      expect(refused.body).toContain(`value="${DETAILS.creditPerson}"`);
      expect(refused.body).toMatch(/<option value="own" selected/);

      expect(json.statusCode).toBe(503);
      expect(Number(json.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(json.json()).toMatchObject({ error: { code: 'BUSY' } });

      // The place is given back once the first image is done, whether it was stored or refused.
      const damaged = { name: 'cut.jpg', type: 'image/jpeg', data: photo.subarray(0, photo.length / 2) };
      const broken = await postUpload(site.app, who, DETAILS, damaged);
      expect(broken.statusCode).toBe(400);
      expect(broken.body).toContain('appears to be damaged');
      expect((await postUpload(site.app, who, DETAILS, file)).statusCode).toBe(303);
    } finally {
      await site.close();
    }
  });
});
