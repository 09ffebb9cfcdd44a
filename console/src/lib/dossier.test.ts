import { describe, expect, it } from 'vitest';
import type { FormField } from '../api/types';
import {
  describeBulkFailure,
  dossierSla,
  dossierStatusLabel,
  formatIsoDay,
  formatVnd,
  missingSlip,
  officerActions,
  parseQueueTab,
  queueParams,
  queueTabLabel,
  renderFormData,
} from './dossier';

describe('status words and queue tabs', () => {
  it('names every status in Vietnamese and leaves an unknown one as it is', () => {
    expect(dossierStatusLabel('submitted')).toBe('Chờ tiếp nhận');
    expect(dossierStatusLabel('supplement_requested')).toBe('Chờ bổ sung');
    expect(dossierStatusLabel('payment_requested')).toBe('Chờ nộp phí');
    expect(dossierStatusLabel('returned')).toBe('Đã trả');
    expect(dossierStatusLabel('archived')).toBe('archived');
    expect(queueTabLabel('late')).toBe('Quá hạn');
  });

  it('reads the tab from the address, defaulting to the submitted queue', () => {
    expect(parseQueueTab(null)).toBe('submitted');
    expect(parseQueueTab('late')).toBe('late');
    expect(parseQueueTab('nonsense')).toBe('submitted');
    expect(queueParams('late')).toEqual({ late: 'true' });
    expect(queueParams('processing')).toEqual({ status: 'processing' });
  });
});

describe('dossierSla', () => {
  const base = { receivedAt: '2026-03-02T01:00:00Z', dueAt: '2026-03-12T01:00:00Z', pausedAt: null };
  it('has no deadline before receipt', () => {
    expect(dossierSla({ ...base, status: 'submitted', receivedAt: null, dueAt: null })).toEqual({
      kind: 'not_received',
    });
  });
  it('runs from receipt to the due date while open', () => {
    expect(dossierSla({ ...base, status: 'processing' })).toEqual({
      kind: 'running',
      start: base.receivedAt,
      due: base.dueAt,
    });
  });
  it('is paused while a supplement is requested', () => {
    expect(dossierSla({ ...base, status: 'supplement_requested', pausedAt: '2026-03-05T01:00:00Z' })).toEqual(
      {
        kind: 'paused',
      },
    );
  });
  it('shows the outcome once closed', () => {
    expect(dossierSla({ ...base, status: 'returned', late: true })).toEqual({
      kind: 'closed',
      due: base.dueAt,
      late: true,
    });
    expect(dossierSla({ ...base, status: 'withdrawn', receivedAt: null, dueAt: null })).toEqual({
      kind: 'closed',
      due: null,
      late: false,
    });
  });
});

describe('actions and slips', () => {
  it('offers buttons only for officer actions the server allows, in desk order', () => {
    expect(officerActions(['refuse', 'receive', 'withdraw', 'request_supplement'])).toEqual([
      'receive',
      'request_supplement',
      'refuse',
    ]);
    expect(officerActions(undefined)).toEqual([]);
  });

  it('waits for the slip the status calls for', () => {
    const received = { status: 'received' as const, receivedAt: '2026-03-02T01:00:00Z', slips: [] };
    expect(missingSlip(received)).toBe('01');
    expect(missingSlip({ ...received, slips: [{ id: 's', form: '01', createdAt: '' }] })).toBeNull();
    expect(missingSlip({ status: 'submitted', receivedAt: null, slips: [] })).toBeNull();
    expect(
      missingSlip({ status: 'refused', receivedAt: null, slips: [{ id: 's', form: '01', createdAt: '' }] }),
    ).toBe('03');
  });

  it('explains a failed bulk receive by dossier code and reason', () => {
    expect(
      describeBulkFailure({ id: 'a', code: 'DOSSIER_TRANSITION_INVALID' }, { a: 'H01.2026.000001' }),
    ).toEqual({
      dossier: 'H01.2026.000001',
      reason: 'Hồ sơ không còn ở trạng thái chờ tiếp nhận.',
    });
    expect(describeBulkFailure({ id: 'b', code: 'H01.2026.000002' }, {})).toEqual({
      dossier: 'H01.2026.000002',
      reason: 'Hồ sơ không còn ở trạng thái chờ tiếp nhận.',
    });
    expect(describeBulkFailure({ id: 'c', code: 'X', message: 'Đã có người tiếp nhận.' }, {}).reason).toBe(
      'Đã có người tiếp nhận.',
    );
  });
});

describe('renderFormData', () => {
  const fields: FormField[] = [
    { name: 'ho_ten', type: 'text', label: 'Họ tên người được khai sinh' },
    { name: 'ngay_sinh', type: 'date', label: 'Ngày sinh' },
    {
      name: 'gioi_tinh',
      type: 'select',
      label: 'Giới tính',
      options: [
        { value: 'nam', label: 'Nam' },
        { value: 'nu', label: 'Nữ' },
      ],
    },
    {
      name: 'giay_to',
      type: 'multiselect',
      label: 'Giấy tờ kèm theo',
      options: [
        { value: 'cccd', label: 'Căn cước' },
        { value: 'gcs', label: 'Giấy chứng sinh' },
      ],
    },
    { name: 'ket_hon', type: 'checkbox', label: 'Cha mẹ đã đăng ký kết hôn' },
    { name: 'so_con', type: 'number', label: 'Số con', showIf: { field: 'ket_hon', in: [true] } },
    { name: 'le_phi', type: 'number', label: 'Lệ phí' },
    { name: 'dia_chi', type: 'address', label: 'Nơi cư trú' },
    { name: 'dinh_kem', type: 'attachment', label: 'Giấy chứng sinh (ảnh)' },
    {
      name: 'thanh_vien',
      type: 'table',
      label: 'Thành viên',
      columns: [
        { name: 'ten', type: 'text', label: 'Tên' },
        { name: 'ngay_sinh', type: 'date', label: 'Ngày sinh' },
      ],
    },
  ];
  const data = {
    ho_ten: 'Nguyễn Văn An',
    ngay_sinh: '2026-03-05',
    gioi_tinh: 'nu',
    giay_to: ['cccd', 'gcs'],
    ket_hon: false,
    le_phi: 1500000,
    dia_chi: { communeId: 'c1', street: '12 Trần Hưng Đạo' },
    dinh_kem: ['f1', 'f2'],
    thanh_vien: [{ ten: 'Bố', ngay_sinh: '1990-01-02' }],
    cu: 'giá trị cũ',
  };
  const rows = renderFormData(fields, data, {
    fileNames: { f1: 'giay-chung-sinh.jpg' },
    communeName: (id) => (id === 'c1' ? 'Phường Tân Ninh' : undefined),
  });
  const byName = Object.fromEntries(rows.map((r) => [r.name, r]));

  it('renders each field type readably, with the form labels', () => {
    expect(byName.ho_ten).toMatchObject({
      label: 'Họ tên người được khai sinh',
      value: { text: 'Nguyễn Văn An' },
    });
    expect(byName.ngay_sinh!.value).toEqual({ kind: 'text', text: '05/03/2026' });
    expect(byName.gioi_tinh!.value).toEqual({ kind: 'text', text: 'Nữ' });
    expect(byName.giay_to!.value).toEqual({ kind: 'text', text: 'Căn cước, Giấy chứng sinh' });
    expect(byName.ket_hon!.value).toEqual({ kind: 'text', text: 'Không' });
    expect(byName.le_phi!.value).toEqual({ kind: 'text', text: (1500000).toLocaleString('vi-VN') });
    expect(byName.dia_chi!.value).toEqual({ kind: 'text', text: '12 Trần Hưng Đạo, Phường Tân Ninh' });
  });

  it('turns attachments into file links and tables into rows', () => {
    expect(byName.dinh_kem!.value).toEqual({
      kind: 'files',
      files: [
        { id: 'f1', name: 'giay-chung-sinh.jpg' },
        { id: 'f2', name: 'f2' },
      ],
    });
    expect(byName.thanh_vien!.value).toEqual({
      kind: 'table',
      columns: ['Tên', 'Ngày sinh'],
      rows: [['Bố', '02/01/1990']],
    });
  });

  it('leaves out a hidden conditional field and keeps values the form no longer names', () => {
    expect(byName.so_con).toBeUndefined();
    expect(byName.cu!.value).toEqual({ kind: 'text', text: 'giá trị cũ' });
    expect(rows.map((r) => r.name)[0]).toBe('ho_ten');
  });

  it('formats days and money', () => {
    expect(formatIsoDay('2026-12-31')).toBe('31/12/2026');
    expect(formatIsoDay('hôm qua')).toBe('hôm qua');
    expect(formatVnd(null)).toBe('—');
    expect(formatVnd(50000)).toBe(`${(50000).toLocaleString('vi-VN')} ₫`);
  });
});
