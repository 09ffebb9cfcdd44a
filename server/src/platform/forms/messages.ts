import type { FieldDefinition, FormDefinition, FormIssue } from './definition.js';
import {
  DEFAULT_MAX_FILES,
  DEFAULT_MAX_LENGTH,
  DEFAULT_MAX_ROWS,
  fieldAt,
  STREET_MAX_LENGTH,
} from './validate.js';

/**
 * Vietnamese messages for form issues, shown next to the field by the mini app and the console and
 * returned by the API. `field` is the field the issue's path points at (see `fieldAt`).
 */

const VERB_CHOOSE = new Set(['select', 'multiselect', 'date', 'checkbox']);

function requiredMessage(issue: FormIssue, field: FieldDefinition | undefined, label: string): string {
  if (issue.path.endsWith('.communeId')) return `Vui lòng chọn xã, phường của ${label}.`;
  if (issue.path.endsWith('.street')) return `Vui lòng nhập số nhà, đường, ấp/khu phố của ${label}.`;
  if (!field) return 'Vui lòng điền mục này.';
  if (field.type === 'checkbox') return `Vui lòng đánh dấu xác nhận: ${label}.`;
  if (field.type === 'attachment') return `Vui lòng đính kèm ${label}.`;
  if (field.type === 'table') return `Vui lòng thêm ít nhất một dòng vào ${label}.`;
  if (field.type === 'address') return `Vui lòng nhập ${label}.`;
  return VERB_CHOOSE.has(field.type) ? `Vui lòng chọn ${label}.` : `Vui lòng nhập ${label}.`;
}

function formatMessage(field: FieldDefinition | undefined, label: string): string {
  switch (field?.type) {
    case 'phone':
      return 'Số điện thoại không đúng. Vui lòng nhập số di động 10 chữ số (ví dụ 0912345678) hoặc số cố định bắt đầu bằng 02.';
    case 'email':
      return 'Địa chỉ email không đúng định dạng.';
    case 'id_number':
      return 'Số CCCD phải gồm 12 chữ số.';
    case 'date':
      return `${label}: ngày không hợp lệ.`;
    case 'attachment':
      return `${label}: tệp đính kèm không hợp lệ. Vui lòng tải lại tệp.`;
    default:
      return `${label} không đúng định dạng.`;
  }
}

const formatDate = (d: string | undefined) =>
  d === 'today' ? 'hôm nay' : d ? d.split('-').reverse().join('/') : '';

export function messageFor(issue: FormIssue, field?: FieldDefinition): string {
  const label = field?.label ?? 'Mục này';
  switch (issue.rule) {
    case 'required':
      return requiredMessage(issue, field, label);
    case 'type':
      return `${label} không đúng kiểu dữ liệu.`;
    case 'minLength':
      return `${label} phải có ít nhất ${field?.minLength ?? 1} ký tự.`;
    case 'maxLength': {
      if (issue.path.endsWith('.street'))
        return `Địa chỉ chi tiết không được quá ${STREET_MAX_LENGTH} ký tự.`;
      const max = field?.maxLength ?? DEFAULT_MAX_LENGTH[field?.type === 'textarea' ? 'textarea' : 'text'];
      return `${label} không được quá ${max} ký tự.`;
    }
    case 'min':
      return `${label} phải từ ${field?.min ?? ''} trở lên.`;
    case 'max':
      return `${label} không được lớn hơn ${field?.max ?? ''}.`;
    case 'integer':
      return `${label} phải là số nguyên.`;
    case 'format':
      return formatMessage(field, label);
    case 'option':
      return issue.path.endsWith('.communeId')
        ? 'Xã, phường đã chọn không thuộc tỉnh này.'
        : `Giá trị của ${label} không có trong danh sách lựa chọn.`;
    case 'minDate':
      return `${label} không được trước ${formatDate(field?.minDate)}.`;
    case 'maxDate':
      return `${label} không được sau ${formatDate(field?.maxDate)}.`;
    case 'maxFiles':
      return `${label}: chỉ được đính kèm tối đa ${field?.maxFiles ?? DEFAULT_MAX_FILES} tệp.`;
    case 'minRows':
      return `${label} cần ít nhất ${field?.minRows ?? 1} dòng.`;
    case 'maxRows':
      return `${label} chỉ được có tối đa ${field?.maxRows ?? DEFAULT_MAX_ROWS} dòng.`;
    case 'duplicate':
      return `${label} có mục bị trùng.`;
    case 'invalid':
      return field?.type === 'id_number'
        ? 'Số CCCD không hợp lệ: 3 chữ số đầu phải là mã tỉnh nơi đăng ký khai sinh và năm sinh phải hợp lệ.'
        : `${label} không hợp lệ.`;
    default:
      return `${label} không hợp lệ.`;
  }
}

/** Issues with their messages, for an API response or a form summary. */
export function describeIssues(def: FormDefinition, issues: readonly FormIssue[]) {
  return issues.map((issue) => ({ ...issue, message: messageFor(issue, fieldAt(def, issue.path)) }));
}
