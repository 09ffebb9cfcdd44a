import { describe, expect, it } from 'vitest';
import {
  buildActionBody,
  detailActions,
  parseAmount,
  takesFiles,
  validateAction,
  type ActionValues,
} from './dossier-actions';
import { assigneeOptions } from './dossier-options';
import { detectFormat, importChanges } from './procedure-import';

const empty: ActionValues = { note: '', items: [''], amount: '', reason: '', assigneeId: '' };

describe('dossier action bodies', () => {
  it('sends only what the action takes, trimmed', () => {
    expect(buildActionBody('receive', { ...empty, note: '  ' })).toEqual({ action: 'receive' });
    expect(buildActionBody('refuse', { ...empty, reason: ' Sai thẩm quyền ' })).toEqual({
      action: 'refuse',
      reason: 'Sai thẩm quyền',
    });
    expect(
      buildActionBody('request_supplement', { ...empty, items: ['Bản sao CCCD', ' '], note: 'Gấp' }),
    ).toEqual({ action: 'request_supplement', items: ['Bản sao CCCD'], note: 'Gấp' });
    expect(buildActionBody('request_payment', { ...empty, amount: '1.500.000 ₫' })).toEqual({
      action: 'request_payment',
      amount: 1500000,
    });
    expect(buildActionBody('complete', empty, ['f1'])).toEqual({ action: 'complete', resultFileIds: ['f1'] });
    expect(buildActionBody('assign', { ...empty, assigneeId: 'o1' })).toEqual({
      action: 'assign',
      assigneeId: 'o1',
    });
  });

  it("sends a clerk's supplement with its note and the scans, and offers it first", () => {
    expect(buildActionBody('supplement', { ...empty, note: ' Nộp bản giấy ' }, ['f1', 'f2'])).toEqual({
      action: 'supplement',
      note: 'Nộp bản giấy',
      fileIds: ['f1', 'f2'],
    });
    expect(buildActionBody('supplement', empty)).toEqual({ action: 'supplement' });
    expect(validateAction('supplement', empty)).toEqual({});
    expect(takesFiles('supplement')).toBe(true);
    expect(takesFiles('receive')).toBe(false);
    expect(detailActions(['refuse', 'supplement', 'assign'])).toEqual(['supplement', 'assign', 'refuse']);
    expect(detailActions(['receive'])).toEqual(['receive']);
    expect(detailActions(undefined)).toEqual([]);
  });

  it('labels assignees with their role', () => {
    expect(assigneeOptions([{ id: 'o1', fullName: 'Trần Văn Bình', role: 'handler' }])).toEqual([
      { value: 'o1', label: 'Trần Văn Bình — Chuyên viên xử lý' },
    ]);
  });

  it('asks for what the server would refuse before sending', () => {
    expect(validateAction('refuse', empty)).toEqual({ reason: 'Vui lòng nhập lý do từ chối.' });
    expect(validateAction('request_supplement', empty)).toHaveProperty(['items.0']);
    expect(validateAction('request_payment', { ...empty, amount: 'abc' })).toHaveProperty('amount');
    expect(validateAction('request_payment', { ...empty, amount: '20000' })).toEqual({});
    expect(validateAction('assign', empty)).toHaveProperty('assigneeId');
    expect(validateAction('receive', empty)).toEqual({});
    expect(parseAmount('1 500 000')).toBe(1500000);
  });
});

describe('procedure import', () => {
  it('detects the format from the file name, then from the content', () => {
    expect(detectFormat('code,name', 'catalog.JSON')).toBe('json');
    expect(detectFormat('[]', 'danh-muc.csv')).toBe('csv');
    expect(detectFormat('\uFEFF  [{"code":"1"}]')).toBe('json');
    expect(detectFormat('code,name\n1.001,Khai sinh')).toBe('csv');
    expect(importChanges({ created: 2, updated: 3, unchanged: 9, rejected: [] })).toBe(5);
  });
});
