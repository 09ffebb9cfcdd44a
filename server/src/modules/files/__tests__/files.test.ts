import { createHash, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, describeEachDatabase, type TestApp } from '../../../../test/helpers.js';
import { insertAgency, insertOfficer, insertTenant } from '../../../../test/fixtures.js';
import { fileUpload, multipart } from '../../../../test/multipart.js';
import { createSession } from '../../../platform/auth/sessions.js';
import { saveUpload } from '../../../platform/files/file-service.js';
import { LocalDiskStorage } from '../../../platform/files/storage.js';

const IMAGE_MAX = 300_000;
const DOCUMENT_MAX = 400_000;

/** A 3000×2000 phone photo taken "sideways" (orientation 6) with a GPS position in its EXIF. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#3366aa' } })
    .jpeg({ quality: 70 })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Serial-12345' },
      // 11°18'30" N, 106°6'0" E: Tây Ninh.
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '11/1 18/1 3000/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '106/1 6/1 0/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

function pdf(body = 'BT /F1 12 Tf (Xin chao) Tj ET'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Length ${body.length} >> stream\n${body}\nendstream endobj\n%%EOF\n`,
  );
}

describeEachDatabase('files', (kind) => {
  let t: TestApp;
  let storageRoot: string;
  const auth: Record<string, Record<string, string>> = {};

  async function signIn(tenantId: string, subjectType: 'citizen' | 'officer', subjectId: string) {
    const session = await createSession(t.database.db, { tenantId, subjectType, subjectId, ttlHours: 1 });
    return { authorization: `Bearer ${session.token}`, 'x-tenant-id': tenantId };
  }
  async function insertCitizen(tenantId: string, name: string) {
    const row = await t.database.db
      .insertInto('citizens')
      .values({
        tenant_id: tenantId,
        zalo_id: null,
        display_name: name,
        avatar_url: null,
        phone: null,
        phone_verified_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  function upload(who: string, fileKind: string, body: ReturnType<typeof multipart>) {
    return t.app.inject({
      method: 'POST',
      url: `/api/files?kind=${fileKind}`,
      headers: { ...auth[who], ...body.headers },
      payload: body.payload,
    });
  }
  function read(who: string | undefined, id: string, headers: Record<string, string> = {}) {
    return t.app.inject({
      url: `/api/files/${id}`,
      headers: { ...(who ? auth[who] : { 'x-tenant-id': 'tinh-a' }), ...headers },
    });
  }
  async function storedFiles(): Promise<string[]> {
    const entries = await readdir(storageRoot, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  }

  beforeAll(async () => {
    t = await buildTestApp(kind, {
      env: { UPLOAD_IMAGE_MAX_BYTES: String(IMAGE_MAX), UPLOAD_DOCUMENT_MAX_BYTES: String(DOCUMENT_MAX) },
    });
    storageRoot = (t.app.ctx.fileStorage as LocalDiskStorage).root;
    const db = t.database.db;
    await insertTenant(db, 'tinh-a');
    await insertTenant(db, 'tinh-b');
    const agencyA = await insertAgency(db, 'tinh-a', 'so-a');
    const agencyB = await insertAgency(db, 'tinh-b', 'so-b');
    const officerA = await insertOfficer(db, {
      tenantId: 'tinh-a',
      username: 'canbo.a',
      password: 'matkhau-dai-123',
      roles: [{ agencyId: agencyA, role: 'handler' }],
    });
    const officerB = await insertOfficer(db, {
      tenantId: 'tinh-b',
      username: 'canbo.b',
      password: 'matkhau-dai-123',
      roles: [{ agencyId: agencyB, role: 'province_admin' }],
    });
    auth.lan = await signIn('tinh-a', 'citizen', await insertCitizen('tinh-a', 'Nguyễn Thị Lan'));
    auth.minh = await signIn('tinh-a', 'citizen', await insertCitizen('tinh-a', 'Trần Văn Minh'));
    auth.officerA = await signIn('tinh-a', 'officer', officerA);
    auth.officerB = await signIn('tinh-b', 'officer', officerB);
  });
  afterAll(async () => t?.close());

  describe('upload', () => {
    it('re-encodes a photo: orientation applied, resized, EXIF stripped, GPS kept', async () => {
      const original = await phonePhoto();
      const res = await upload('lan', 'image', fileUpload(original, 'IMG_0001.JPG', 'image/jpeg'));
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({
        kind: 'image',
        contentType: 'image/jpeg',
        width: 1365,
        height: 2048,
        gps: { lat: 11.308333, lng: 106.1 },
      });
      expect(Object.keys(body).sort()).toEqual(
        ['contentType', 'gps', 'height', 'id', 'kind', 'sizeBytes', 'width'].sort(),
      );

      const file = await read('lan', body.id);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('image/jpeg');
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['cache-control']).toBe('private, max-age=3600');
      expect(file.headers['content-disposition']).toBe(
        `inline; filename="IMG_0001.jpg"; filename*=UTF-8''IMG_0001.jpg`,
      );
      expect(file.rawPayload.length).toBe(body.sizeBytes);
      const meta = await sharp(file.rawPayload).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect([meta.width, meta.height]).toEqual([1365, 2048]);
      expect(meta.orientation ?? 1).toBe(1);

      const row = await t.database.db
        .selectFrom('files')
        .selectAll()
        .where('id', '=', body.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        tenant_id: 'tinh-a',
        owner_type: 'citizen',
        original_name: 'IMG_0001.JPG',
        gps_lat: 11.308333,
        gps_lng: 106.1,
        sha256: createHash('sha256').update(file.rawPayload).digest('hex'),
      });
      expect(row.storage_key).toMatch(new RegExp(`^tinh-a/\\d{4}/\\d{2}/${body.id}\\.jpg$`));
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_type', 'data'])
        .where('entity_id', '=', body.id)
        .execute();
      expect(audit).toEqual([
        {
          action: 'file.uploaded',
          actor_type: 'citizen',
          data: { kind: 'image', contentType: 'image/jpeg', sizeBytes: body.sizeBytes, sha256: row.sha256 },
        },
      ]);
    });

    it('keeps a photo the phone already compressed as it is, minus its metadata and trailing bytes', async () => {
      const compressed = await sharp({
        create: { width: 1200, height: 900, channels: 3, background: '#6b8e23' },
      })
        .jpeg({ quality: 80 })
        .withExif({
          IFD0: { Make: 'TestCam', Model: 'Serial-12345' },
          IFD3: {
            GPSLatitudeRef: 'N',
            GPSLatitude: '11/1 18/1 3000/100',
            GPSLongitudeRef: 'E',
            GPSLongitude: '106/1 6/1 0/1',
          },
        })
        .toBuffer();
      const polyglot = Buffer.concat([compressed, Buffer.from('<html><script>alert(1)</script>')]);
      const res = await upload('lan', 'image', fileUpload(polyglot, 'anh.jpg', 'image/jpeg'));
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ width: 1200, height: 900, gps: { lat: 11.308333, lng: 106.1 } });
      const stored = (await read('lan', res.json().id)).rawPayload;
      expect((await sharp(stored).metadata()).exif).toBeUndefined();
      expect(stored.includes('Serial-12345')).toBe(false);
      expect(stored.includes('<script>')).toBe(false);
      // Not re-encoded: the very same pixels.
      // (Buffer.equals: a deep toEqual over 3 MB of pixels takes vitest half a minute.)
      const [after, before] = await Promise.all([
        sharp(stored).raw().toBuffer(),
        sharp(compressed).raw().toBuffer(),
      ]);
      expect(after.equals(before)).toBe(true);
      // Cut off, it is refused like any damaged photo.
      const cut = await upload(
        'lan',
        'image',
        fileUpload(compressed.subarray(0, compressed.length - 300), 'cut.jpg', 'image/jpeg'),
      );
      expect(cut.statusCode).toBe(400);
      expect(cut.json().error.code).toBe('FILE_CORRUPT');
    });

    it('types a PNG named .jpg by its content', async () => {
      const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#ff000080' } })
        .png()
        .toBuffer();
      const doc = await upload('lan', 'document', fileUpload(png, 'giay to.jpg', 'image/jpeg'));
      expect(doc.statusCode).toBe(201);
      expect(doc.json()).toMatchObject({ contentType: 'image/png', width: 40, height: 30 });
      expect(doc.json().gps).toBeUndefined();
      const file = await read('lan', doc.json().id, { 'accept-language': 'en' });
      expect(file.headers['content-type']).toBe('image/png');
      expect(file.headers['content-disposition']).toContain('filename="giay to.png"');
      // As a photo the same bytes are decoded as PNG and stored as JPEG.
      const photo = await upload('lan', 'image', fileUpload(png, 'anh.jpg', 'image/jpeg'));
      expect(photo.json()).toMatchObject({ contentType: 'image/jpeg', width: 40, height: 30 });
    });

    it('refuses a text file named .jpg with 415 FILE_TYPE_NOT_ALLOWED', async () => {
      const res = await upload(
        'lan',
        'image',
        fileUpload('<html><script>alert(1)</script>', 'a.jpg', 'image/jpeg'),
      );
      expect(res.statusCode).toBe(415);
      expect(res.json().error).toMatchObject({
        code: 'FILE_TYPE_NOT_ALLOWED',
        message: 'Loại tệp này không được chấp nhận.',
        details: { accepted: ['image/jpeg', 'image/png', 'image/webp', 'image/avif'] },
      });
      // A PDF is a document, not a photo.
      const pdfAsImage = await upload('lan', 'image', fileUpload(pdf(), 'a.pdf', 'application/pdf'));
      expect(pdfAsImage.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    });

    it('refuses an oversize upload with 413 while streaming and leaves nothing behind', async () => {
      const before = await storedFiles();
      const header = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
      const big = Buffer.concat([header, Buffer.alloc(IMAGE_MAX + 10, 7)]);
      const res = await upload('lan', 'image', fileUpload(big, 'big.jpg', 'image/jpeg'));
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'FILE_TOO_LARGE', details: { maxBytes: IMAGE_MAX } });

      const bigPdf = pdf('x'.repeat(DOCUMENT_MAX));
      const doc = await upload('lan', 'document', fileUpload(bigPdf, 'big.pdf', 'application/pdf'));
      expect(doc.statusCode).toBe(413);
      expect(doc.json().error.code).toBe('FILE_TOO_LARGE');
      expect(await storedFiles()).toEqual(before);
    });

    it('answers FILE_CORRUPT for a damaged JPEG and a truncated PDF', async () => {
      const photo = await phonePhoto();
      const cut = await upload('lan', 'image', fileUpload(photo.subarray(0, 4000), 'cut.jpg', 'image/jpeg'));
      expect(cut.statusCode).toBe(400);
      expect(cut.json().error.code).toBe('FILE_CORRUPT');
      const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xdb]), Buffer.alloc(5000, 0x41)]);
      const bad = await upload('lan', 'document', fileUpload(garbage, 'scan.jpg', 'image/jpeg'));
      expect(bad.json().error.code).toBe('FILE_CORRUPT');
      const halfPdf = pdf().subarray(0, 30);
      const pdfRes = await upload('lan', 'document', fileUpload(halfPdf, 'don.pdf', 'application/pdf'));
      expect(pdfRes.json().error.code).toBe('FILE_CORRUPT');
    });

    it('refuses a decompression bomb before decoding it', async () => {
      // A tiny PNG whose header claims 20 000 × 20 000 pixels (400 MP).
      const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
        .png()
        .toBuffer();
      png.writeUInt32BE(20_000, 16);
      png.writeUInt32BE(20_000, 20);
      png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
      const res = await upload('lan', 'image', fileUpload(png, 'bomb.png', 'image/png'));
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'FILE_TOO_LARGE', details: { maxPixels: 50_000_000 } });
    });

    it('stores a PDF byte for byte with a safe Vietnamese download name', async () => {
      const bytes = pdf();
      const res = await upload('minh', 'document', fileUpload(bytes, '../../Đơn đề nghị".pdf', 'text/plain'));
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ contentType: 'application/pdf', sizeBytes: bytes.length });
      expect(res.json().width).toBeNull();
      const file = await read('minh', res.json().id, {});
      expect(file.rawPayload.equals(bytes)).toBe(true);
      const dl = await t.app.inject({ url: `/api/files/${res.json().id}?download=true`, headers: auth.minh });
      expect(dl.headers['content-disposition']).toBe(
        `attachment; filename="Don de nghi.pdf"; filename*=UTF-8''${encodeURIComponent('Đơn đề nghị.pdf')}`,
      );
    });

    it('needs a file, a known kind, a session and a multipart body', async () => {
      const noFile = await upload('lan', 'image', multipart([{ name: 'note', data: 'hello' }]));
      expect(noFile.json().error.code).toBe('FILE_REQUIRED');
      const badKind = await upload('lan', 'video', fileUpload(pdf(), 'a.pdf'));
      expect(badKind.statusCode).toBe(400);
      expect(badKind.json().error.code).toBe('VALIDATION_FAILED');
      const anonymous = await t.app.inject({
        method: 'POST',
        url: '/api/files?kind=image',
        headers: { 'x-tenant-id': 'tinh-a', ...fileUpload(pdf(), 'a.pdf').headers },
        payload: fileUpload(pdf(), 'a.pdf').payload,
      });
      expect(anonymous.statusCode).toBe(401);
      const json = await t.app.inject({
        method: 'POST',
        url: '/api/files?kind=image',
        headers: { ...auth.lan, 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(json.statusCode).toBe(415);
      expect(json.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('reading', () => {
    let fileId: string;
    beforeAll(async () => {
      const res = await upload(
        'lan',
        'image',
        fileUpload(await phonePhoto(), 'hien-truong.jpg', 'image/jpeg'),
      );
      fileId = res.json().id;
    });

    it('hides the file from another citizen, exactly like a missing one', async () => {
      const other = await read('minh', fileId);
      const missing = await read('minh', randomUUID());
      expect(other.statusCode).toBe(404);
      expect(other.json()).toEqual(missing.json());
      expect(other.json().error.code).toBe('FILE_NOT_FOUND');
    });

    it('hides it from an officer of the same province: officers read it through its dossier or report', async () => {
      const res = await read('officerA', fileId);
      const missing = await read('officerA', randomUUID());
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(missing.json());
    });

    it('hides it from an officer of another province', async () => {
      const own = await read('officerB', fileId);
      expect(own.statusCode).toBe(404);
      expect(own.json().error.code).toBe('FILE_NOT_FOUND');
      // Pointing the request at the file's province does not help: the session is not valid there.
      const crossed = await read('officerB', fileId, { 'x-tenant-id': 'tinh-a' });
      expect(crossed.statusCode).toBe(401);
    });

    it('requires a session and a well-formed id', async () => {
      expect((await read(undefined, fileId)).statusCode).toBe(401);
      const bad = await read('lan', 'not-a-uuid');
      expect(bad.statusCode).toBe(400);
    });

    it('answers 304 when the ETag matches', async () => {
      const first = await read('lan', fileId);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      expect(first.headers.vary).toContain('Authorization');
      const again = await read('lan', fileId, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.rawPayload.length).toBe(0);
    });
  });

  it('removes the stored bytes when the database refuses the row', async () => {
    const before = await storedFiles();
    const storage = new LocalDiskStorage(storageRoot);
    await expect(
      saveUpload({
        db: t.database.db,
        storage,
        limits: t.config.uploads,
        tenantId: 'no-such-tenant', // violates the tenants foreign key
        kind: 'document',
        ownerType: 'citizen',
        ownerId: randomUUID(),
        fileName: 'a.pdf',
        source: pdf(),
        actor: { type: 'citizen', id: null },
      }),
    ).rejects.toThrow();
    expect(await storedFiles()).toEqual(before);
  });

  it('documents both routes in OpenAPI', async () => {
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const post = spec.paths['/api/files'].post;
    expect(post.requestBody.content['multipart/form-data'].schema.properties.file.format).toBe('binary');
    expect(post.parameters.map((p: { name: string }) => p.name)).toContain('kind');
    expect(spec.paths['/api/files/{id}'].get.responses['200'].content['application/pdf']).toBeDefined();
  });

  describe("the citizen's uploads as personal data", () => {
    beforeAll(async () => {
      // Stands for any record that keeps a file (a dossier's papers, a report's photos): a foreign key
      // to files is all the files module looks for.
      await sql`create table if not exists test_file_keepers (file_id uuid not null references files(id))`.execute(
        t.database.db,
      );
    });

    it('lists them in the export and, on deletion, removes those no record keeps, bytes included', async () => {
      auth.kim = await signIn('tinh-a', 'citizen', await insertCitizen('tinh-a', 'Lê Thị Kim'));
      const kept = (await upload('kim', 'document', fileUpload(pdf(), 'don.pdf', 'application/pdf'))).json();
      const loose = (
        await upload('kim', 'document', fileUpload(pdf(), 'nhap.pdf', 'application/pdf'))
      ).json();
      await t.database.db
        .insertInto('test_file_keepers' as never)
        .values({ file_id: kept.id } as never)
        .execute();
      const keys = await t.database.db
        .selectFrom('files')
        .select(['id', 'storage_key'])
        .where('id', 'in', [kept.id, loose.id])
        .execute();
      const keyOf = (id: string) => path.join(storageRoot, keys.find((k) => k.id === id)!.storage_key);

      const exported = await t.app.inject({ url: '/api/me/export', headers: auth.kim });
      expect(exported.statusCode).toBe(200);
      const files = exported.json().records.files as { id: string; partOfRecord: boolean }[];
      expect(files.map((f) => [f.id, f.partOfRecord])).toEqual([
        [kept.id, true],
        [loose.id, false],
      ]);

      const before = await storedFiles();
      expect(before).toContain(keyOf(loose.id));
      const erased = await t.app.inject({ method: 'DELETE', url: '/api/me', headers: auth.kim });
      expect(erased.statusCode).toBe(204);
      const left = await t.database.db
        .selectFrom('files')
        .select('id')
        .where('id', 'in', [kept.id, loose.id])
        .execute();
      expect(left.map((r) => r.id)).toEqual([kept.id]);
      while ((await t.app.ctx.worker.runOnce()) > 0);
      const after = await storedFiles();
      expect(after).not.toContain(keyOf(loose.id));
      expect(after).toContain(keyOf(kept.id));
    });
  });
});
