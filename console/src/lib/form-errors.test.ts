import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { errorsFromApi, fieldPath, getPath, setPath } from './form-errors';

describe('errorsFromApi', () => {
  it('maps schema validation paths to dotted field names', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Dữ liệu gửi lên không hợp lệ.', {
      fields: [
        { path: '/hotlines/1/phone', rule: 'pattern' },
        { path: 'username', rule: 'required' },
      ],
    });
    const result = errorsFromApi(error);
    expect(result.fields).toEqual({
      'hotlines.1.phone': 'Định dạng không hợp lệ.',
      username: 'Vui lòng nhập thông tin này.',
    });
    expect(result.message).toBeNull();
  });

  it('puts a business error on the field it names or the form maps it to', () => {
    const named = new ApiError(404, 'ADMIN_UNIT_NOT_FOUND', 'Không tìm thấy đơn vị hành chính.', {
      field: 'adminUnitId',
    });
    expect(errorsFromApi(named).fields).toEqual({ adminUnitId: 'Không tìm thấy đơn vị hành chính.' });
    const weak = new ApiError(400, 'PASSWORD_TOO_WEAK', 'Mật khẩu cần ít nhất 10 ký tự, gồm chữ và số.');
    const mapped = errorsFromApi(weak, { PASSWORD_TOO_WEAK: 'newPassword' });
    expect(mapped.fields.newPassword).toBe('Mật khẩu cần ít nhất 10 ký tự, gồm chữ và số.');
  });

  it('keeps an error about no field for the top of the form', () => {
    const error = new ApiError(403, 'FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.');
    expect(errorsFromApi(error)).toEqual({
      fields: {},
      message: 'Bạn không có quyền thực hiện thao tác này.',
    });
  });
});

describe('paths', () => {
  it('reads and writes nested values without touching the original', () => {
    const values = { branding: { appName: 'A' }, hotlines: [{ label: 'x', phone: '1' }] };
    const next = setPath(values, 'hotlines.0.phone', '113');
    expect(getPath(next, 'hotlines.0.phone')).toBe('113');
    expect(Array.isArray(next.hotlines)).toBe(true);
    expect(values.hotlines[0]!.phone).toBe('1');
    expect(next.branding).toBe(values.branding);
    expect(fieldPath('/branding/primaryColor')).toBe('branding.primaryColor');
  });
});
