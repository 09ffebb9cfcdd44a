import { describe, expect, it } from 'vitest';
import { buildActionBody, parseAmount, validateAction, type ActionValues } from './dossier-actions';
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
