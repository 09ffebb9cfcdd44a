import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertTenant } from '../../../test/fixtures.js';
import { createTestDatabase, describeEachDatabase } from '../../../test/helpers.js';
import type { DatabaseHandle } from '../../db/connection.js';
import { normalizeVi, searchText, type TextColumns } from './normalize.js';

const COLUMNS: TextColumns = { name: 'admin_units.name', norm: 'admin_units.name_norm' };
const NAMES = [
  'Lĩnh vực Đất đai',
  'Thủ tục cấp Giấy chứng nhận quyền sử dụng đất',
  'Tỉnh Đắk Lắk',
  'Xã Đa Phước',
  'Xã Đá Bạc',
  'Phường Đà Nẵng',
  'Phường Hòa Thành',
  'Xã Hòa Hội',
  'Xã Tân Hòa',
  'Phường Tân Ninh',
  'Xã Hảo Đước',
];

describeEachDatabase('Vietnamese search', (kind) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await insertTenant(database.db, 'tinh-a');
    await insertTenant(database.db, 'tinh-b');
    await database.db
      .insertInto('admin_units')
      .values(
        NAMES.map((name, i) => ({
          tenant_id: 'tinh-a',
          code: String(i),
          name,
          name_norm: normalizeVi(name),
          level: 'commune' as const,
          kind: 'xa',
          parent_id: null,
        })),
      )
      .execute();
    // Another province's row with a matching name never shows up.
    await database.db
      .insertInto('admin_units')
      .values({
        tenant_id: 'tinh-b',
        code: 'x',
        name: 'Đất đai tỉnh B',
        name_norm: normalizeVi('Đất đai tỉnh B'),
        level: 'commune',
        kind: 'xa',
        parent_id: null,
      })
      .execute();
  });
  afterAll(async () => database?.close());

  async function search(text: string): Promise<string[]> {
    const query = database.db.selectFrom('admin_units').where('tenant_id', '=', 'tinh-a');
    const rows = await searchText(query, COLUMNS, text).select('name').execute();
    return rows.map((r) => r.name);
  }

  it('finds "Đất đai" when typed without accents', async () => {
    expect(await search('dat dai')).toEqual(['Lĩnh vực Đất đai']);
    expect(await search('DAT')).toEqual(
      expect.arrayContaining(['Lĩnh vực Đất đai', 'Thủ tục cấp Giấy chứng nhận quyền sử dụng đất']),
    );
  });

  it('matches "Đắk Lắk" and "dak lak" both ways', async () => {
    expect(await search('dak lak')).toEqual(['Tỉnh Đắk Lắk']);
    expect(await search('Đắk Lắk')).toEqual(['Tỉnh Đắk Lắk']);
    expect(await search('ĐẮK')).toEqual(['Tỉnh Đắk Lắk']);
  });

  it('ranks matches with the typed accents first', async () => {
    const results = await search('Đà');
    expect(results[0]).toBe('Phường Đà Nẵng');
    expect(results).toEqual(expect.arrayContaining(['Xã Đa Phước', 'Xã Đá Bạc']));
    expect((await search('Đá'))[0]).toBe('Xã Đá Bạc');
    expect((await search('hòa'))[0]).toMatch(/Hòa/);
  });

  it('matches one- and two-letter queries at the start of words only', async () => {
    const ho = await search('ho');
    expect(ho).toEqual(expect.arrayContaining(['Phường Hòa Thành', 'Xã Hòa Hội', 'Xã Tân Hòa']));
    expect(ho).not.toContain('Tỉnh Đắk Lắk');
    // "an" starts no word here ("Tân" contains it, but not at a word start).
    expect(await search('an')).toEqual([]);
    expect(await search('x')).toHaveLength(5);
  });

  it('requires every word, in any order', async () => {
    expect(await search('hoa xa')).toEqual(expect.arrayContaining(['Xã Hòa Hội', 'Xã Tân Hòa']));
    expect(await search('hoa xa')).not.toContain('Phường Hòa Thành');
  });

  it('does not match on mere resemblance', async () => {
    expect(await search('hao duoc')).toEqual(['Xã Hảo Đước']);
    // "phuoc" resembles "phuong" in trigrams; only the real "Phước" counts.
    expect(await search('phuoc')).toEqual(['Xã Đa Phước']);
  });

  it('treats LIKE wildcards literally and ignores empty text', async () => {
    expect(await search('%')).toEqual([]);
    expect(await search('   ')).toHaveLength(NAMES.length);
  });
});
