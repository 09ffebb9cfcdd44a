/**
 * The catalogue of citizen utilities (DESIGN.md §1): stable keys the mini app maps to screens, in
 * the default order. A tenant stores the keys it enables, in its own order; PATCH /api/admin/tenant
 * accepts only keys from this list.
 */
export const UTILITIES = [
  { key: 'nop-ho-so', label: 'Nộp hồ sơ trực tuyến' },
  { key: 'tra-cuu-ho-so', label: 'Tra cứu hồ sơ' },
  { key: 'tra-cuu-thu-tuc', label: 'Tra cứu thủ tục' },
  { key: 'phan-anh', label: 'Phản ánh hiện trường' },
  { key: 'hoi-dap', label: 'Hỏi đáp trực tuyến' },
  { key: 'dat-lich', label: 'Đặt lịch / bốc số trực tuyến' },
  { key: 'hoc-phi', label: 'Thanh toán học phí' },
  { key: 'cua-hang', label: 'Đăng ký cửa hàng 4.0' },
  { key: 'tin-tuc', label: 'Tin tức, cảnh báo khẩn' },
  { key: 'truyen-hinh', label: 'Truyền hình, radio, camera' },
  { key: 'tra-cuu', label: 'Tra cứu thông tin' },
  { key: 'danh-ba', label: 'Danh bạ' },
  { key: 'danh-gia', label: 'Đánh giá, góp ý' },
  { key: 'thong-ke', label: 'Thống kê' },
] as const;

export type UtilityKey = (typeof UTILITIES)[number]['key'];
export const UTILITY_KEYS: readonly UtilityKey[] = UTILITIES.map((u) => u.key);

export function isUtilityKey(value: string): value is UtilityKey {
  return (UTILITY_KEYS as readonly string[]).includes(value);
}
