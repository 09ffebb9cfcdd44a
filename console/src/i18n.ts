/*
 * Every string the console shows, in one place. The console is Vietnamese only (officers of a
 * Vietnamese province); keeping the words here lets a later English catalogue replace this object.
 */

const roles: Record<string, string> = {
  province_admin: 'Quản trị cấp tỉnh',
  agency_admin: 'Quản trị cơ quan',
  supervisor: 'Lãnh đạo',
  handler: 'Chuyên viên xử lý',
  clerk: 'Cán bộ tiếp nhận (một cửa)',
  editor: 'Biên tập viên',
};

const agencyKinds: Record<string, string> = {
  province_committee: 'Ủy ban nhân dân tỉnh',
  department: 'Sở, ban, ngành',
  police: 'Công an',
  service_center: 'Trung tâm phục vụ hành chính công',
  commune_committee: 'UBND xã, phường',
  unit: 'Phòng, đơn vị trực thuộc',
};

const auditActions: Record<string, string> = {
  'officer.login': 'Cán bộ đăng nhập',
  'officer.logout': 'Cán bộ đăng xuất',
  'officer.locked': 'Tài khoản bị tạm khóa',
  'officer.create': 'Tạo tài khoản cán bộ',
  'officer.update': 'Cập nhật tài khoản cán bộ',
  'officer.password_changed': 'Đổi mật khẩu',
  'officer.totp_enabled': 'Bật xác thực hai lớp',
  'officer.totp_disabled': 'Tắt xác thực hai lớp',
  'officer.totp_setup': 'Khởi tạo xác thực hai lớp',
  'agency.create': 'Tạo cơ quan',
  'agency.update': 'Cập nhật cơ quan',
  'tenant.update': 'Cập nhật cấu hình tỉnh',
  'holiday.create': 'Thêm ngày nghỉ',
  'holiday.delete': 'Xóa ngày nghỉ',
  'file.uploaded': 'Tải tệp lên',
  'file.viewed': 'Xem tệp',
  'citizen.deleted': 'Người dân xóa tài khoản',
  'citizen.phone_reassigned': 'Chuyển số điện thoại sang tài khoản khác',
};

const entityTypes: Record<string, string> = {
  officer: 'Cán bộ',
  agency: 'Cơ quan',
  tenant: 'Cấu hình tỉnh',
  citizen: 'Người dân',
  file: 'Tệp',
  holiday: 'Ngày nghỉ',
  message: 'Tin nhắn',
};

/** Messages for the rules of the server's schema validation (error-handler.ts `details.fields[].rule`). */
const validationRules: Record<string, string> = {
  required: 'Vui lòng nhập thông tin này.',
  minLength: 'Nội dung quá ngắn.',
  maxLength: 'Nội dung quá dài.',
  pattern: 'Định dạng không hợp lệ.',
  format: 'Định dạng không hợp lệ.',
  minItems: 'Cần chọn ít nhất một mục.',
  maxItems: 'Có quá nhiều mục.',
  uniqueItems: 'Có mục bị trùng.',
  enum: 'Giá trị không nằm trong danh sách cho phép.',
  const: 'Giá trị không nằm trong danh sách cho phép.',
  anyOf: 'Giá trị không hợp lệ.',
  type: 'Kiểu dữ liệu không hợp lệ.',
};

export const t = {
  appTitle: 'Trang quản trị',
  productName: 'Cổng tiện ích công dân',
  loading: 'Đang tải…',
  saving: 'Đang lưu…',
  save: 'Lưu thay đổi',
  cancel: 'Hủy',
  close: 'Đóng',
  edit: 'Sửa',
  create: 'Tạo mới',
  back: 'Quay lại',
  retry: 'Thử lại',
  yes: 'Có',
  no: 'Không',
  none: '—',
  required: 'bắt buộc',
  copy: 'Sao chép',
  copied: 'Đã sao chép',
  copyFailed: 'Không sao chép được, hãy chọn và sao chép thủ công.',
  skipToContent: 'Bỏ qua, đến nội dung chính',

  nav: {
    label: 'Điều hướng chính',
    home: 'Tổng quan',
    settings: 'Cấu hình tỉnh',
    agencies: 'Cơ quan, đơn vị',
    officers: 'Cán bộ',
    audit: 'Nhật ký hệ thống',
    account: 'Tài khoản của tôi',
    signOut: 'Đăng xuất',
    menu: 'Menu',
    signedInAs: (name: string) => `Đang đăng nhập: ${name}`,
  },

  errors: {
    unknown: 'Đã có lỗi xảy ra. Vui lòng thử lại.',
    network: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
    forbiddenTitle: 'Không có quyền truy cập',
    forbidden: 'Tài khoản của bạn không có quyền dùng chức năng này. Liên hệ quản trị viên nếu cần.',
    notFoundTitle: 'Không tìm thấy trang',
    notFound: 'Địa chỉ này không tồn tại hoặc đã bị xóa.',
    summary: (n: number) => `Có ${n} mục cần sửa:`,
    rules: validationRules,
    loadFailed: 'Không tải được dữ liệu.',
    screenFailed: 'Không tải được màn hình này. Kiểm tra mạng rồi thử lại.',
  },

  signIn: {
    title: 'Đăng nhập trang quản trị',
    intro: 'Dành cho cán bộ, công chức được cấp tài khoản.',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    totp: 'Mã xác thực 6 số',
    totpHint: 'Mở ứng dụng xác thực trên điện thoại và nhập mã đang hiển thị.',
    submit: 'Đăng nhập',
    submitting: 'Đang đăng nhập…',
    lockedTitle: 'Tài khoản đang tạm khóa',
    unlockAt: (time: string) => `Có thể đăng nhập lại lúc ${time}.`,
    sessionEnded: 'Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.',
  },

  forcedPassword: {
    title: 'Đổi mật khẩu tạm',
    intro:
      'Bạn đang dùng mật khẩu tạm do quản trị viên cấp. Hãy đặt mật khẩu mới của riêng bạn trước khi tiếp tục.',
  },

  password: {
    title: 'Đổi mật khẩu',
    current: 'Mật khẩu hiện tại',
    next: 'Mật khẩu mới',
    nextHint: 'Ít nhất 10 ký tự, gồm cả chữ và số.',
    confirm: 'Nhập lại mật khẩu mới',
    mismatch: 'Hai lần nhập mật khẩu mới không khớp.',
    submit: 'Đổi mật khẩu',
    done: 'Đã đổi mật khẩu. Các phiên đăng nhập khác đã được đăng xuất.',
  },

  account: {
    title: 'Tài khoản của tôi',
    profile: 'Thông tin tài khoản',
    fullName: 'Họ và tên',
    username: 'Tên đăng nhập',
    roles: 'Vai trò',
    noRoles: 'Chưa được phân vai trò nào.',
    totpTitle: 'Xác thực hai lớp (TOTP)',
    totpOn: 'Đang bật: mỗi lần đăng nhập cần thêm mã 6 số từ ứng dụng xác thực.',
    totpOff: 'Đang tắt. Bật để bảo vệ tài khoản kể cả khi lộ mật khẩu.',
    totpStart: 'Bật xác thực hai lớp',
    totpScan:
      'Quét mã QR bằng ứng dụng xác thực (Google Authenticator, Microsoft Authenticator…), rồi nhập mật khẩu và mã 6 số để xác nhận.',
    totpQrLabel: 'Mã QR để thêm tài khoản vào ứng dụng xác thực',
    totpSecret: 'Hoặc nhập khóa thủ công:',
    totpCode: 'Mã 6 số từ ứng dụng',
    totpConfirm: 'Xác nhận bật',
    totpEnabled: 'Đã bật xác thực hai lớp.',
    totpDisableTitle: 'Tắt xác thực hai lớp',
    totpDisable: 'Tắt xác thực hai lớp',
    totpDisabled: 'Đã tắt xác thực hai lớp.',
  },

  home: {
    title: 'Tổng quan',
    greeting: (name: string) => `Xin chào, ${name}`,
    yourRoles: 'Vai trò của bạn',
    shortcuts: 'Truy cập nhanh',
    describe: {
      settings: 'Bật, tắt và sắp xếp tiện ích trên mini app; nhận diện; đường dây nóng.',
      agencies: 'Cơ cấu tổ chức, địa bàn phục vụ của từng cơ quan.',
      officers: 'Tài khoản cán bộ, vai trò theo cơ quan, khóa và cấp lại mật khẩu.',
      audit: 'Mọi thay đổi trong hệ thống, ai làm, lúc nào.',
      account: 'Đổi mật khẩu, bật xác thực hai lớp.',
    } as Record<string, string>,
    noAdminRole:
      'Các chức năng xử lý hồ sơ, phản ánh, hỏi đáp sẽ xuất hiện tại đây khi được triển khai cho vai trò của bạn.',
  },

  table: {
    search: 'Tìm kiếm',
    searchButton: 'Tìm',
    clear: 'Xóa bộ lọc',
    all: 'Tất cả',
    filters: 'Bộ lọc',
    total: (n: number) => `Tổng số: ${n.toLocaleString('vi-VN')}`,
    empty: 'Không có dữ liệu phù hợp.',
    pageSize: 'Số dòng mỗi trang',
    page: (p: number, of: number) => `Trang ${p} / ${of}`,
    previous: 'Trang trước',
    next: 'Trang sau',
    export: 'Xuất dữ liệu',
    exportCsv: 'Tải CSV',
    exportXlsx: 'Tải Excel (XLSX)',
    exporting: 'Đang chuẩn bị tệp…',
    sortBy: (label: string) => `Sắp xếp theo ${label}`,
    sortedAsc: 'tăng dần',
    sortedDesc: 'giảm dần',
    from: 'Từ ngày',
    to: 'Đến ngày',
  },

  sla: {
    remaining: (text: string) => `Còn ${text}`,
    dueSoon: (text: string) => `Sắp hết hạn: còn ${text}`,
    overdue: (text: string) => `Quá hạn ${text}`,
    dueAt: (time: string) => `Hạn: ${time}`,
    lessThanMinute: 'dưới 1 phút',
    day: 'ngày',
    hour: 'giờ',
    minute: 'phút',
  },

  confirm: {
    title: 'Xác nhận',
    ok: 'Đồng ý',
  },

  settings: {
    title: 'Cấu hình tỉnh',
    intro: 'Thay đổi được áp dụng cho mini app của người dân trong vòng một phút.',
    general: 'Thông tin chung',
    name: 'Tên đầy đủ',
    shortName: 'Tên ngắn',
    utilities: 'Tiện ích trên trang chủ mini app',
    utilitiesHint:
      'Đánh dấu để bật. Dùng nút lên/xuống để đổi thứ tự; tiện ích đang bật hiển thị theo thứ tự này.',
    enabled: 'Bật',
    moveUp: (label: string) => `Chuyển “${label}” lên`,
    moveDown: (label: string) => `Chuyển “${label}” xuống`,
    moved: (label: string, position: number) => `Đã chuyển “${label}” đến vị trí ${position}.`,
    branding: 'Nhận diện',
    appName: 'Tên ứng dụng',
    primaryColor: 'Màu chủ đạo',
    primaryColorHint: 'Mã màu dạng #RRGGBB, dùng cho nút và thanh tiêu đề (chữ trắng trên nền màu).',
    contrastLow: (ratio: string) =>
      `Độ tương phản với chữ trắng chỉ ${ratio}:1, thấp hơn mức 4,5:1 — người lớn tuổi sẽ khó đọc. Nên chọn màu đậm hơn.`,
    contrastOk: (ratio: string) => `Độ tương phản với chữ trắng: ${ratio}:1 (đạt chuẩn).`,
    logoUrl: 'Địa chỉ logo',
    logoUrlHint: 'Bắt đầu bằng https:// hoặc / (tệp trên máy chủ này).',
    hotlines: 'Đường dây nóng',
    hotlineLabel: 'Tên',
    hotlinePhone: 'Số điện thoại',
    hotlineAdd: 'Thêm đường dây nóng',
    hotlineRemove: (n: number) => `Xóa đường dây nóng thứ ${n}`,
    hotlineRow: (n: number) => `Đường dây nóng ${n}`,
    noHotlines: 'Chưa có đường dây nóng.',
    zalo: 'Zalo',
    zaloAppId: 'Mã mini app (App ID)',
    zaloOaId: 'Mã Official Account (OA ID)',
    saved: 'Đã lưu cấu hình.',
  },

  agencies: {
    title: 'Cơ quan, đơn vị',
    create: 'Thêm cơ quan',
    editTitle: (name: string) => `Sửa: ${name}`,
    createTitle: 'Thêm cơ quan',
    code: 'Mã',
    name: 'Tên cơ quan',
    kind: 'Loại',
    parent: 'Cơ quan cấp trên',
    noParent: 'Không có (cấp cao nhất)',
    adminUnit: 'Đặt tại đơn vị hành chính',
    phone: 'Điện thoại',
    address: 'Địa chỉ',
    children: 'Đơn vị trực thuộc',
    noChildren: 'Không có đơn vị trực thuộc.',
    communes: 'Địa bàn phục vụ (xã, phường)',
    communesAll: 'Toàn tỉnh.',
    communeFilter: 'Lọc danh sách xã, phường',
    communesChosen: (n: number) => `Đã chọn ${n} xã, phường`,
    created: 'Đã tạo cơ quan.',
    saved: 'Đã lưu cơ quan.',
    history: 'Lịch sử thay đổi',
  },

  officers: {
    title: 'Cán bộ',
    create: 'Thêm cán bộ',
    createTitle: 'Thêm cán bộ',
    editTitle: (name: string) => `Sửa: ${name}`,
    username: 'Tên đăng nhập',
    usernameHint: '3–40 ký tự: chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang.',
    fullName: 'Họ và tên',
    email: 'Thư điện tử',
    phone: 'Điện thoại',
    roles: 'Vai trò theo cơ quan',
    role: 'Vai trò',
    agency: 'Cơ quan',
    roleAdd: 'Thêm vai trò',
    roleRemove: (n: number) => `Xóa vai trò thứ ${n}`,
    roleRow: (n: number) => `Vai trò ${n}`,
    chooseAgency: 'Chọn cơ quan',
    noRoles: 'Chưa có vai trò nào.',
    status: 'Trạng thái',
    active: 'Đang hoạt động',
    disabled: 'Đã vô hiệu hóa',
    pendingPassword: 'Chờ đổi mật khẩu tạm',
    createdAt: 'Ngày tạo',
    disable: 'Vô hiệu hóa',
    enable: 'Kích hoạt lại',
    disableConfirm: (name: string) =>
      `Vô hiệu hóa tài khoản ${name}? Cán bộ này sẽ bị đăng xuất và không đăng nhập được nữa.`,
    enableConfirm: (name: string) => `Kích hoạt lại tài khoản ${name}?`,
    disabledDone: 'Đã vô hiệu hóa tài khoản.',
    enabledDone: 'Đã kích hoạt lại tài khoản.',
    resetPassword: 'Cấp lại mật khẩu tạm',
    resetConfirm: (name: string) =>
      `Cấp mật khẩu tạm mới cho ${name}? Mật khẩu cũ hết hiệu lực và mọi phiên đăng nhập bị kết thúc.`,
    tempTitle: 'Mật khẩu tạm',
    tempWarning:
      'Mật khẩu này chỉ hiển thị một lần. Hãy trao trực tiếp cho cán bộ; họ phải đổi mật khẩu ở lần đăng nhập đầu tiên.',
    tempLabel: (username: string) => `Mật khẩu tạm của ${username}`,
    created: 'Đã tạo tài khoản cán bộ.',
    saved: 'Đã lưu thông tin cán bộ.',
    openDetail: 'Xem hồ sơ cán bộ',
    history: 'Lịch sử thay đổi',
  },

  audit: {
    title: 'Nhật ký hệ thống',
    intro: 'Nhật ký chỉ được ghi thêm, không thể sửa hoặc xóa; mỗi dòng nối với dòng trước bằng mã băm.',
    seq: 'Số thứ tự',
    at: 'Thời điểm',
    actor: 'Người thực hiện',
    action: 'Thao tác',
    entityType: 'Đối tượng',
    entityId: 'Mã đối tượng',
    details: 'Chi tiết',
    noDetails: 'Không có chi tiết.',
    hash: 'Mã băm (SHA-256)',
    detailTitle: (seq: number) => `Nhật ký số ${seq}`,
    system: 'Hệ thống',
    openEntity: 'Mở đối tượng',
    actorTypes: {
      officer: 'Cán bộ',
      citizen: 'Người dân',
      system: 'Hệ thống',
      integration: 'Tích hợp',
    } as Record<string, string>,
    actions: auditActions,
    entityTypes,
  },

  roles,
  agencyKinds,
};

export function roleLabel(role: string): string {
  return roles[role] ?? role;
}

export function agencyKindLabel(kind: string): string {
  return agencyKinds[kind] ?? kind;
}

export function auditActionLabel(action: string): string {
  return auditActions[action] ?? action;
}

export function entityTypeLabel(type: string): string {
  return entityTypes[type] ?? type;
}
