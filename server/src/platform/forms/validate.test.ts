import { describe, expect, it } from 'vitest';
import type { FieldDefinition, FormDefinition } from './definition.js';
import { describeIssues, messageFor } from './messages.js';
import { fieldAt, normalizePhone, validateDefinition, validateFormData, validIdNumber } from './validate.js';

const TODAY = '2026-03-15';
const COMMUNE = '0b8f5c0e-6a43-4c1d-9a53-6f0a3a3f2b11';
const FILE_A = 'a3c1f1de-2b4c-4d5e-8f90-1234567890ab';
const FILE_B = 'b3c1f1de-2b4c-4d5e-8f90-1234567890ab';

function check(
  field: Omit<FieldDefinition, 'name' | 'label'>,
  value: unknown,
  extra: Record<string, unknown> = {},
) {
  const def: FormDefinition = { fields: [{ name: 'f', label: 'Trường', ...field } as FieldDefinition] };
  return validateFormData(def, { f: value, ...extra }, { today: TODAY, communeIds: new Set([COMMUNE]) });
}
const ok = (result: ReturnType<typeof check>) => {
  if ('issues' in result) throw new Error(JSON.stringify(result.issues));
  return result.data.f;
};
const rules = (result: ReturnType<typeof check>) =>
  'issues' in result ? result.issues.map((i) => `${i.path}:${i.rule}`) : [];

describe('validateFormData: field rules', () => {
  it('text: trims, required, min/max length with defaults', () => {
    expect(ok(check({ type: 'text' }, '  Nguyễn Văn A  '))).toBe('Nguyễn Văn A');
    expect(rules(check({ type: 'text', required: true }, '   '))).toEqual(['f:required']);
    expect(rules(check({ type: 'text', required: true }, undefined))).toEqual(['f:required']);
    expect(ok(check({ type: 'text' }, ''))).toBeUndefined();
    expect(rules(check({ type: 'text' }, 42))).toEqual(['f:type']);
    expect(rules(check({ type: 'text', minLength: 3 }, 'ab'))).toEqual(['f:minLength']);
    expect(rules(check({ type: 'text' }, 'x'.repeat(501)))).toEqual(['f:maxLength']);
    expect(ok(check({ type: 'text' }, 'x'.repeat(500)))).toHaveLength(500);
    expect(ok(check({ type: 'textarea' }, 'x'.repeat(5000)))).toHaveLength(5000);
    expect(rules(check({ type: 'textarea' }, 'x'.repeat(5001)))).toEqual(['f:maxLength']);
    expect(rules(check({ type: 'text', maxLength: 5 }, 'Đặng Văn'))).toEqual(['f:maxLength']);
    // Combining accents count as one letter once composed.
    expect(ok(check({ type: 'text', maxLength: 3 }, 'Hà'.normalize('NFD') + 'n'))).toBe('Hàn');
  });

  it('number: finite, min, max, integer; numeric strings accepted', () => {
    expect(ok(check({ type: 'number' }, 12.5))).toBe(12.5);
    expect(ok(check({ type: 'number' }, ' 7 '))).toBe(7);
    expect(rules(check({ type: 'number' }, 'bảy'))).toEqual(['f:type']);
    expect(rules(check({ type: 'number' }, Number.POSITIVE_INFINITY))).toEqual(['f:type']);
    expect(rules(check({ type: 'number', min: 1 }, 0))).toEqual(['f:min']);
    expect(rules(check({ type: 'number', max: 10 }, 11))).toEqual(['f:max']);
    expect(rules(check({ type: 'number', integer: true }, 1.5))).toEqual(['f:integer']);
    expect(rules(check({ type: 'number', required: true }, null))).toEqual(['f:required']);
    expect(ok(check({ type: 'number', min: 0 }, 0))).toBe(0);
  });

  it('date: a real calendar day within minDate / maxDate, today in Vietnam time', () => {
    expect(ok(check({ type: 'date' }, '2024-02-29'))).toBe('2024-02-29');
    expect(rules(check({ type: 'date' }, '2025-02-29'))).toEqual(['f:format']);
    expect(rules(check({ type: 'date' }, '15/03/2026'))).toEqual(['f:format']);
    expect(rules(check({ type: 'date', maxDate: 'today' }, '2026-03-16'))).toEqual(['f:maxDate']);
    expect(ok(check({ type: 'date', maxDate: 'today' }, TODAY))).toBe(TODAY);
    expect(rules(check({ type: 'date', minDate: 'today' }, '2026-03-14'))).toEqual(['f:minDate']);
    expect(rules(check({ type: 'date', minDate: '2000-01-01' }, '1999-12-31'))).toEqual(['f:minDate']);
    expect(rules(check({ type: 'date' }, 20260315))).toEqual(['f:type']);
  });

  const options = [
    { value: 'nam', label: 'Nam' },
    { value: 'nu', label: 'Nữ' },
  ];
  it('select and multiselect: option values only, distinct', () => {
    expect(ok(check({ type: 'select', options }, 'nu'))).toBe('nu');
    expect(rules(check({ type: 'select', options }, 'khac'))).toEqual(['f:option']);
    expect(rules(check({ type: 'select', options, required: true }, ''))).toEqual(['f:required']);
    expect(ok(check({ type: 'multiselect', options }, ['nam', 'nu']))).toEqual(['nam', 'nu']);
    expect(rules(check({ type: 'multiselect', options }, ['nam', 'nam']))).toEqual(['f[1]:duplicate']);
    expect(rules(check({ type: 'multiselect', options }, ['x']))).toEqual(['f[0]:option']);
    expect(rules(check({ type: 'multiselect', options }, 'nam'))).toEqual(['f:type']);
    expect(rules(check({ type: 'multiselect', options, required: true }, []))).toEqual(['f:required']);
  });

  it('checkbox: boolean; a required checkbox must be ticked', () => {
    expect(ok(check({ type: 'checkbox' }, false))).toBe(false);
    expect(rules(check({ type: 'checkbox' }, 'true'))).toEqual(['f:type']);
    expect(rules(check({ type: 'checkbox', required: true }, false))).toEqual(['f:required']);
    expect(ok(check({ type: 'checkbox', required: true }, true))).toBe(true);
  });

  it('phone: Vietnamese mobiles and landlines, written 0…', () => {
    expect(ok(check({ type: 'phone' }, '+84 912 345 678'))).toBe('0912345678');
    expect(ok(check({ type: 'phone' }, '84912345678'))).toBe('0912345678');
    expect(ok(check({ type: 'phone' }, '0912.345.678'))).toBe('0912345678');
    expect(ok(check({ type: 'phone' }, '0276 3822 123'))).toBe('02763822123');
    expect(ok(check({ type: 'phone' }, '(024) 3825 353'))).toBe('0243825353');
    expect(rules(check({ type: 'phone' }, '091234567'))).toEqual(['f:format']);
    expect(rules(check({ type: 'phone' }, '0112345678'))).toEqual(['f:format']);
    expect(rules(check({ type: 'phone' }, '09123456789'))).toEqual(['f:format']);
    expect(normalizePhone('abc')).toBeUndefined();
  });

  it('email', () => {
    expect(ok(check({ type: 'email' }, ' an.nguyen@example.vn '))).toBe('an.nguyen@example.vn');
    expect(rules(check({ type: 'email' }, 'an.nguyen@'))).toEqual(['f:format']);
    expect(rules(check({ type: 'email' }, 'an nguyen@example.vn'))).toEqual(['f:format']);
  });

  it('id_number: 12 digits, an issued province code and a birth year not in the future', () => {
    expect(ok(check({ type: 'id_number' }, '072 090 001 234'))).toBe('072090001234');
    expect(ok(check({ type: 'id_number' }, '079301001234'))).toBe('079301001234');
    expect(rules(check({ type: 'id_number' }, '07209000123'))).toEqual(['f:format']);
    expect(rules(check({ type: 'id_number' }, '07209000123a'))).toEqual(['f:format']);
    expect(rules(check({ type: 'id_number' }, '003090001234'))).toEqual(['f:invalid']);
    expect(rules(check({ type: 'id_number' }, '097090001234'))).toEqual(['f:invalid']);
    // 2 = male born 2000-2099: 2030 is after 2026.
    expect(rules(check({ type: 'id_number' }, '072230001234'))).toEqual(['f:invalid']);
    expect(rules(check({ type: 'id_number' }, '072400001234'))).toEqual(['f:invalid']);
    expect(validIdNumber('096126001234', 2026)).toBe(true);
  });

  it('address: a commune of the province and a street', () => {
    expect(
      ok(check({ type: 'address' }, { communeId: COMMUNE, street: ' 12 Cách Mạng Tháng Tám ' })),
    ).toEqual({
      communeId: COMMUNE,
      street: '12 Cách Mạng Tháng Tám',
    });
    expect(rules(check({ type: 'address' }, { communeId: FILE_A, street: 'x' }))).toEqual([
      'f.communeId:option',
    ]);
    expect(rules(check({ type: 'address' }, { communeId: COMMUNE, street: '' }))).toEqual([
      'f.street:required',
    ]);
    expect(rules(check({ type: 'address' }, { communeId: COMMUNE, street: 'x'.repeat(201) }))).toEqual([
      'f.street:maxLength',
    ]);
    expect(rules(check({ type: 'address', required: true }, { communeId: '', street: '' }))).toEqual([
      'f:required',
    ]);
    expect(rules(check({ type: 'address' }, 'Tân Ninh'))).toEqual(['f:type']);
    const noList = validateFormData(
      { fields: [{ name: 'a', label: 'Địa chỉ', type: 'address' }] },
      { a: { communeId: 'anything', street: 'x' } },
      { today: TODAY },
    );
    expect(noList).toEqual({ data: { a: { communeId: 'anything', street: 'x' } } });
  });

  it('attachment: file ids, no duplicates, at most maxFiles', () => {
    expect(ok(check({ type: 'attachment' }, [FILE_A.toUpperCase(), FILE_B]))).toEqual([FILE_A, FILE_B]);
    expect(rules(check({ type: 'attachment', required: true }, []))).toEqual(['f:required']);
    expect(rules(check({ type: 'attachment' }, [FILE_A, FILE_A]))).toEqual(['f[1]:duplicate']);
    expect(rules(check({ type: 'attachment' }, ['not-a-file']))).toEqual(['f[0]:format']);
    expect(rules(check({ type: 'attachment', maxFiles: 1 }, [FILE_A, FILE_B]))).toEqual(['f:maxFiles']);
    const six = Array.from({ length: 6 }, (_, i) => FILE_A.replace(/^a/, String(i)));
    expect(rules(check({ type: 'attachment' }, six))).toEqual(['f:maxFiles']);
  });

  it('table: rows checked column by column, min/max rows, paths name[i].col', () => {
    const columns: FieldDefinition[] = [
      { name: 'ho_ten', label: 'Họ và tên', type: 'text', required: true },
      { name: 'nam_sinh', label: 'Năm sinh', type: 'number', integer: true, min: 1900 },
    ];
    expect(ok(check({ type: 'table', columns }, [{ ho_ten: ' An ', nam_sinh: 1990, extra: 1 }]))).toEqual([
      { ho_ten: 'An', nam_sinh: 1990 },
    ]);
    expect(rules(check({ type: 'table', columns }, [{ ho_ten: 'An' }, { nam_sinh: 1800 }]))).toEqual([
      'f[1].ho_ten:required',
      'f[1].nam_sinh:min',
    ]);
    expect(rules(check({ type: 'table', columns, minRows: 2 }, [{ ho_ten: 'An' }]))).toEqual(['f:minRows']);
    expect(rules(check({ type: 'table', columns, maxRows: 1 }, [{ ho_ten: 'A' }, { ho_ten: 'B' }]))).toEqual([
      'f:maxRows',
    ]);
    expect(rules(check({ type: 'table', columns }, Array(51).fill({ ho_ten: 'A' })))).toEqual(['f:maxRows']);
    expect(rules(check({ type: 'table', columns }, ['row']))).toEqual(['f[0]:type']);
    expect(rules(check({ type: 'table', columns, required: true }, []))).toEqual(['f:required']);
  });
});

describe('validateFormData: the whole form', () => {
  const def: FormDefinition = {
    fields: [
      { name: 'ho_ten', label: 'Họ và tên', type: 'text', required: true },
      { name: 'co_uy_quyen', label: 'Nộp thay người khác', type: 'checkbox' },
      {
        name: 'nguoi_uy_quyen',
        label: 'Người ủy quyền',
        type: 'text',
        required: true,
        showIf: { field: 'co_uy_quyen', in: [true] },
      },
    ],
  };
  const opts = { today: TODAY };

  it('drops hidden fields (never required) and unknown keys', () => {
    expect(validateFormData(def, { ho_ten: 'An', nguoi_uy_quyen: 'Bình', la: 1 }, opts)).toEqual({
      data: { ho_ten: 'An' },
    });
    expect(validateFormData(def, { ho_ten: 'An', co_uy_quyen: true }, opts)).toEqual({
      issues: [{ path: 'nguoi_uy_quyen', rule: 'required' }],
    });
    expect(
      validateFormData(def, { ho_ten: 'An', co_uy_quyen: true, nguoi_uy_quyen: ' Bình ' }, opts),
    ).toEqual({
      data: { ho_ten: 'An', co_uy_quyen: true, nguoi_uy_quyen: 'Bình' },
    });
  });

  it('never throws on bad data', () => {
    for (const bad of [null, 'x', 1, [], undefined]) {
      expect(validateFormData(def, bad, opts)).toEqual({ issues: [{ path: '', rule: 'type' }] });
    }
    expect(validateFormData(def, Object.create(null) as object, opts)).toEqual({
      issues: [{ path: 'ho_ten', rule: 'required' }],
    });
    expect(validateFormData(def, JSON.parse('{"__proto__": {"ho_ten": "x"}}'), opts)).toEqual({
      issues: [{ path: 'ho_ten', rule: 'required' }],
    });
  });
});

describe('validateDefinition', () => {
  const issuesOf = (def: unknown) => {
    const result = validateDefinition(def);
    return 'issues' in result ? result.issues.map((i) => `${i.path}:${i.rule}`) : [];
  };

  it('accepts a well-formed definition and keeps only the properties a type uses', () => {
    const result = validateDefinition({
      fields: [
        { name: 'ho_ten', type: 'text', label: 'Họ và tên', required: true, maxLength: 100, options: [] },
        { name: 'gioi_tinh', type: 'select', label: 'Giới tính', options: [{ value: 'nam', label: 'Nam' }] },
        {
          name: 'con',
          type: 'table',
          label: 'Con',
          maxRows: 10,
          columns: [{ name: 'ten', type: 'text', label: 'Tên' }],
          showIf: { field: 'gioi_tinh', in: ['nam'] },
        },
        { name: 'giay_to', type: 'attachment', label: 'Giấy tờ', accept: 'image', maxFiles: 3 },
      ],
    });
    expect(result).toEqual({
      definition: {
        fields: [
          { name: 'ho_ten', type: 'text', label: 'Họ và tên', required: true, maxLength: 100 },
          {
            name: 'gioi_tinh',
            type: 'select',
            label: 'Giới tính',
            options: [{ value: 'nam', label: 'Nam' }],
          },
          {
            name: 'con',
            type: 'table',
            label: 'Con',
            maxRows: 10,
            columns: [{ name: 'ten', type: 'text', label: 'Tên' }],
            showIf: { field: 'gioi_tinh', in: ['nam'] },
          },
          { name: 'giay_to', type: 'attachment', label: 'Giấy tờ', accept: 'image', maxFiles: 3 },
        ],
      },
    });
    expect(validateDefinition({ fields: [] })).toEqual({ definition: { fields: [] } });
  });

  it('names: snake_case and unique per level', () => {
    expect(issuesOf({ fields: [{ name: 'HoTen', type: 'text', label: 'x' }] })).toEqual([
      'fields[0].name:name',
    ]);
    expect(issuesOf({ fields: [{ name: 'ho ten', type: 'text', label: 'x' }] })).toEqual([
      'fields[0].name:name',
    ]);
    expect(
      issuesOf({
        fields: [
          { name: 'a', type: 'text', label: 'x' },
          { name: 'a', type: 'text', label: 'y' },
        ],
      }),
    ).toEqual(['fields[1].name:duplicate']);
  });

  it('types, labels, options and limits', () => {
    expect(issuesOf({ fields: [{ name: 'a', type: 'radio', label: 'x' }] })).toEqual(['fields[0].type:type']);
    expect(issuesOf({ fields: [{ name: 'a', type: 'text' }] })).toEqual(['fields[0].label:text']);
    expect(issuesOf({ fields: [{ name: 'a', type: 'select', label: 'x' }] })).toEqual([
      'fields[0].options:options',
    ]);
    expect(
      issuesOf({
        fields: [
          {
            name: 'a',
            type: 'select',
            label: 'x',
            options: [
              { value: 'v', label: 'V' },
              { value: 'v', label: 'W' },
            ],
          },
        ],
      }),
    ).toEqual(['fields[0].options[1]:duplicate']);
    expect(
      issuesOf({ fields: [{ name: 'a', type: 'text', label: 'x', minLength: 5, maxLength: 2 }] }),
    ).toEqual(['fields[0].minLength:range']);
    expect(issuesOf({ fields: [{ name: 'a', type: 'text', label: 'x', maxLength: 100000 }] })).toEqual([
      'fields[0].maxLength:range',
    ]);
    expect(issuesOf({ fields: [{ name: 'a', type: 'number', label: 'x', min: 5, max: 1 }] })).toEqual([
      'fields[0].min:range',
    ]);
    expect(issuesOf({ fields: [{ name: 'a', type: 'date', label: 'x', maxDate: 'yesterday' }] })).toEqual([
      'fields[0].maxDate:date',
    ]);
    expect(issuesOf({ fields: [{ name: 'a', type: 'attachment', label: 'x', maxFiles: 0 }] })).toEqual([
      'fields[0].maxFiles:range',
    ]);
    expect(
      issuesOf({
        fields: Array.from({ length: 101 }, (_, i) => ({ name: `f${i}`, type: 'text', label: 'x' })),
      }),
    ).toEqual(['fields:fields']);
    expect(issuesOf(null)).toEqual([':type']);
    expect(issuesOf({ fields: 'x' })).toEqual(['fields:fields']);
  });

  it('tables: columns required, no nested table or attachment', () => {
    expect(issuesOf({ fields: [{ name: 't', type: 'table', label: 'x' }] })).toEqual([
      'fields[0].columns:fields',
    ]);
    expect(
      issuesOf({
        fields: [
          {
            name: 't',
            type: 'table',
            label: 'x',
            columns: [
              { name: 'f', type: 'attachment', label: 'y' },
              { name: 'u', type: 'table', label: 'z', columns: [{ name: 'v', type: 'text', label: 'v' }] },
            ],
          },
        ],
      }),
    ).toEqual(['fields[0].columns[0].type:type', 'fields[0].columns[1].type:type']);
  });

  it('showIf: an earlier field of the same level', () => {
    expect(
      issuesOf({
        fields: [
          { name: 'a', type: 'text', label: 'x', showIf: { field: 'b', in: ['1'] } },
          { name: 'b', type: 'text', label: 'y' },
        ],
      }),
    ).toEqual(['fields[0].showIf:showIf']);
    expect(
      issuesOf({
        fields: [
          { name: 'a', type: 'text', label: 'x' },
          {
            name: 't',
            type: 'table',
            label: 't',
            columns: [{ name: 'c', type: 'text', label: 'c', showIf: { field: 'a', in: ['1'] } }],
          },
        ],
      }),
    ).toEqual(['fields[1].columns[0].showIf:showIf']);
    expect(
      issuesOf({
        fields: [
          { name: 'a', type: 'text', label: 'x' },
          { name: 'b', type: 'text', label: 'y', showIf: { field: 'a', in: [] } },
        ],
      }),
    ).toEqual(['fields[1].showIf:showIf']);
  });
});

describe('messages', () => {
  const def: FormDefinition = {
    fields: [
      { name: 'ho_ten', label: 'Họ và tên', type: 'text', required: true },
      { name: 'so_cccd', label: 'Số CCCD', type: 'id_number' },
      { name: 'ngay', label: 'Ngày sinh', type: 'date', maxDate: 'today' },
      { name: 'cam_ket', label: 'Tôi cam đoan', type: 'checkbox', required: true },
      { name: 'noi_o', label: 'Nơi cư trú', type: 'address' },
      {
        name: 'con',
        label: 'Các con',
        type: 'table',
        columns: [{ name: 'ten', label: 'Tên con', type: 'text', required: true }],
      },
    ],
  };

  it('speaks Vietnamese, naming the field', () => {
    expect(messageFor({ path: 'ho_ten', rule: 'required' }, def.fields[0])).toBe('Vui lòng nhập Họ và tên.');
    expect(messageFor({ path: 'so_cccd', rule: 'format' }, def.fields[1])).toBe(
      'Số CCCD phải gồm 12 chữ số.',
    );
    expect(messageFor({ path: 'ngay', rule: 'maxDate' }, def.fields[2])).toBe(
      'Ngày sinh không được sau hôm nay.',
    );
    expect(messageFor({ path: 'cam_ket', rule: 'required' }, def.fields[3])).toContain('đánh dấu');
    expect(messageFor({ path: 'x', rule: 'required' })).toBe('Vui lòng điền mục này.');
  });

  it('finds the field of a path, also inside tables and addresses', () => {
    expect(fieldAt(def, 'con[2].ten')?.label).toBe('Tên con');
    expect(fieldAt(def, 'noi_o.street')?.label).toBe('Nơi cư trú');
    expect(fieldAt(def, 'nope')).toBeUndefined();
    const result = validateFormData(
      def,
      { con: [{}], noi_o: { communeId: 'x', street: '' } },
      { today: TODAY },
    );
    expect('issues' in result && describeIssues(def, result.issues)).toEqual([
      { path: 'ho_ten', rule: 'required', message: 'Vui lòng nhập Họ và tên.' },
      { path: 'cam_ket', rule: 'required', message: 'Vui lòng đánh dấu xác nhận: Tôi cam đoan.' },
      {
        path: 'noi_o.street',
        rule: 'required',
        message: 'Vui lòng nhập số nhà, đường, ấp/khu phố của Nơi cư trú.',
      },
      { path: 'con[0].ten', rule: 'required', message: 'Vui lòng nhập Tên con.' },
    ]);
  });
});
