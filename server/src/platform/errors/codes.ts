/**
 * Every error the API can return: a stable code, its HTTP status and the message in Vietnamese and
 * English. Clients switch on `code`; messages are for people. Add new codes here, nowhere else.
 */
export const ERROR_CODES = {
  // request shape
  VALIDATION_FAILED: {
    status: 400,
    vi: 'Dữ liệu gửi lên không hợp lệ.',
    en: 'The request data is not valid.',
  },
  MALFORMED_JSON: {
    status: 400,
    vi: 'Nội dung gửi lên không phải JSON hợp lệ.',
    en: 'The request body is not valid JSON.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    vi: 'Định dạng nội dung không được hỗ trợ.',
    en: 'This content type is not supported.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request is too large.' },
  BAD_REQUEST: { status: 400, vi: 'Yêu cầu không hợp lệ.', en: 'The request is not valid.' },
  NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy địa chỉ yêu cầu.',
    en: 'The requested address was not found.',
  },
  METHOD_NOT_ALLOWED: { status: 405, vi: 'Phương thức không được phép.', en: 'This method is not allowed.' },
  RATE_LIMITED: {
    status: 429,
    vi: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.',
    en: 'Too many requests. Please try again in a few minutes.',
  },
  INTERNAL_ERROR: {
    status: 500,
    vi: 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau.',
    en: 'Something went wrong on our side. Please try again later.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    vi: 'Hệ thống tạm thời không sẵn sàng.',
    en: 'The service is temporarily unavailable.',
  },

  // tenancy
  TENANT_NOT_FOUND: {
    status: 404,
    vi: 'Không xác định được tỉnh/thành phố phục vụ.',
    en: 'No province is configured for this address.',
  },
  TENANT_DISABLED: {
    status: 403,
    vi: 'Cổng dịch vụ của tỉnh này đang tạm ngừng.',
    en: 'This province portal is suspended.',
  },

  // authentication and authorization
  AUTH_REQUIRED: { status: 401, vi: 'Vui lòng đăng nhập để tiếp tục.', en: 'Please sign in to continue.' },
  SESSION_EXPIRED: {
    status: 401,
    vi: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
    en: 'Your session has expired. Please sign in again.',
  },
  FORBIDDEN: {
    status: 403,
    vi: 'Bạn không có quyền thực hiện thao tác này.',
    en: 'You are not allowed to do this.',
  },
  CSRF_INVALID: {
    status: 403,
    vi: 'Phiên làm việc không hợp lệ. Vui lòng tải lại trang.',
    en: 'Invalid form token. Please reload the page.',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'Wrong username or password.',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    vi: 'Tài khoản tạm khóa do nhập sai nhiều lần. Vui lòng thử lại sau.',
    en: 'Account temporarily locked after repeated failures. Try again later.',
  },
  ACCOUNT_DISABLED: { status: 403, vi: 'Tài khoản đã bị vô hiệu hóa.', en: 'This account is disabled.' },
  TOTP_REQUIRED: {
    status: 401,
    vi: 'Vui lòng nhập mã xác thực 6 số từ ứng dụng.',
    en: 'Enter the 6-digit code from your authenticator app.',
  },
  TOTP_INVALID: { status: 401, vi: 'Mã xác thực không đúng.', en: 'The authenticator code is wrong.' },
  TOTP_NOT_SET_UP: {
    status: 409,
    vi: 'Chưa khởi tạo xác thực hai lớp. Vui lòng bắt đầu lại.',
    en: 'Two-step verification has not been set up. Please start again.',
  },
  TOTP_ALREADY_ENABLED: {
    status: 409,
    vi: 'Xác thực hai lớp đã được bật.',
    en: 'Two-step verification is already on.',
  },
  TOTP_NOT_ENABLED: {
    status: 409,
    vi: 'Xác thực hai lớp chưa được bật.',
    en: 'Two-step verification is not on.',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    vi: 'Bạn đang dùng mật khẩu tạm. Vui lòng đổi mật khẩu trước khi tiếp tục.',
    en: 'You are using a temporary password. Please change it before continuing.',
  },
  PASSWORD_INCORRECT: {
    status: 400,
    vi: 'Mật khẩu hiện tại không đúng.',
    en: 'The current password is wrong.',
  },
  PASSWORD_UNCHANGED: {
    status: 400,
    vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
    en: 'The new password must differ from the current one.',
  },
  PASSWORD_TOO_WEAK: {
    status: 400,
    vi: 'Mật khẩu cần ít nhất 10 ký tự, gồm chữ và số.',
    en: 'The password needs at least 10 characters with letters and digits.',
  },
  OTP_INVALID: { status: 400, vi: 'Mã xác thực không đúng.', en: 'The one-time code is wrong.' },
  OTP_EXPIRED: {
    status: 400,
    vi: 'Mã xác thực đã hết hạn. Vui lòng yêu cầu mã mới.',
    en: 'The one-time code has expired. Request a new one.',
  },
  OTP_TOO_MANY_ATTEMPTS: {
    status: 429,
    vi: 'Nhập sai quá nhiều lần. Vui lòng yêu cầu mã mới.',
    en: 'Too many wrong attempts. Request a new code.',
  },
  OTP_RESEND_TOO_SOON: {
    status: 429,
    vi: 'Vui lòng đợi một phút trước khi yêu cầu mã mới.',
    en: 'Please wait a minute before requesting a new code.',
  },
  PHONE_INVALID: { status: 400, vi: 'Số điện thoại không hợp lệ.', en: 'The phone number is not valid.' },
  OTP_LIMIT_REACHED: {
    status: 429,
    vi: 'Bạn đã yêu cầu quá nhiều mã xác thực. Vui lòng thử lại sau một giờ.',
    en: 'Too many codes requested. Please try again in an hour.',
  },
  CONSENT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy sự đồng ý này.', en: 'Consent not found.' },
  DEV_LOGIN_DISABLED: {
    status: 403,
    vi: 'Đăng nhập mô phỏng chỉ dùng trong môi trường phát triển.',
    en: 'Simulated login is only available in development.',
  },
  CONSENT_REQUIRED: {
    status: 403,
    vi: 'Cần sự đồng ý của bạn trước khi sử dụng thông tin này.',
    en: 'Your consent is needed before this information is used.',
  },

  // Zalo
  ZALO_NOT_CONFIGURED: {
    status: 503,
    vi: 'Đăng nhập Zalo chưa được cấu hình.',
    en: 'Zalo sign-in is not configured.',
  },
  ZALO_TOKEN_INVALID: {
    status: 401,
    vi: 'Phiên Zalo không hợp lệ. Vui lòng mở lại ứng dụng.',
    en: 'The Zalo session is not valid. Please reopen the app.',
  },
  ZALO_TOKEN_EXPIRED: {
    status: 401,
    vi: 'Phiên Zalo đã hết hạn. Vui lòng mở lại ứng dụng.',
    en: 'The Zalo session has expired. Please reopen the app.',
  },
  ZALO_PHONE_TOKEN_INVALID: {
    status: 400,
    vi: 'Không lấy được số điện thoại từ Zalo. Vui lòng thử lại.',
    en: 'Could not read the phone number from Zalo. Please try again.',
  },
  ZALO_LOCATION_TOKEN_INVALID: {
    status: 400,
    vi: 'Không lấy được vị trí từ Zalo. Vui lòng thử lại.',
    en: 'Could not read the location from Zalo. Please try again.',
  },
  ZALO_RATE_LIMITED: {
    status: 503,
    vi: 'Zalo đang quá tải. Vui lòng thử lại sau ít phút.',
    en: 'Zalo is busy. Please try again in a few minutes.',
  },
  ZALO_UNAVAILABLE: {
    status: 502,
    vi: 'Không kết nối được với Zalo. Vui lòng thử lại sau.',
    en: 'Could not reach Zalo. Please try again later.',
  },

  // SMS
  SMS_UNAVAILABLE: {
    status: 502,
    vi: 'Không gửi được tin nhắn. Vui lòng thử lại sau.',
    en: 'Could not send the text message. Please try again later.',
  },

  // files
  FILE_REQUIRED: { status: 400, vi: 'Vui lòng chọn tệp để tải lên.', en: 'Please choose a file to upload.' },
  FILE_TOO_LARGE: { status: 413, vi: 'Tệp quá lớn.', en: 'The file is too large.' },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    vi: 'Loại tệp này không được chấp nhận.',
    en: 'This type of file is not accepted.',
  },
  FILE_CORRUPT: {
    status: 400,
    vi: 'Không đọc được tệp. Vui lòng chọn tệp khác.',
    en: 'The file could not be read. Please choose another one.',
  },
  FILE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tệp.', en: 'File not found.' },

  // organisation
  AGENCY_NOT_FOUND: { status: 404, vi: 'Không tìm thấy cơ quan.', en: 'Agency not found.' },
  OFFICER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy cán bộ.', en: 'Officer not found.' },
  ADMIN_UNIT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy đơn vị hành chính.',
    en: 'Administrative unit not found.',
  },
  AGENCY_CODE_TAKEN: {
    status: 409,
    vi: 'Mã cơ quan đã được sử dụng.',
    en: 'This agency code is already in use.',
  },
  AGENCY_PARENT_INVALID: {
    status: 400,
    vi: 'Cơ quan cấp trên không hợp lệ.',
    en: 'The parent agency is not valid.',
  },
  OFFICER_USERNAME_TAKEN: {
    status: 409,
    vi: 'Tên đăng nhập đã được sử dụng.',
    en: 'This username is already in use.',
  },
  ROLE_NOT_GRANTABLE: {
    status: 403,
    vi: 'Bạn không được phân quyền này.',
    en: 'You may not grant this role.',
  },
  OFFICER_SELF_DISABLE: {
    status: 409,
    vi: 'Không thể tự vô hiệu hóa tài khoản của mình.',
    en: 'You cannot disable your own account.',
  },
  OFFICER_LAST_PROVINCE_ADMIN: {
    status: 409,
    vi: 'Tỉnh phải còn ít nhất một quản trị viên cấp tỉnh đang hoạt động.',
    en: 'The province must keep at least one active province administrator.',
  },
  HOLIDAY_NOT_FOUND: { status: 404, vi: 'Không tìm thấy ngày nghỉ.', en: 'Holiday not found.' },
  HOLIDAY_EXISTS: {
    status: 409,
    vi: 'Ngày này đã có trong lịch của tỉnh.',
    en: 'This day is already in the province calendar.',
  },
  HOLIDAY_NATIONAL_READONLY: {
    status: 403,
    vi: 'Ngày nghỉ toàn quốc không thể sửa hoặc xóa ở cấp tỉnh.',
    en: 'National holidays cannot be changed by a province.',
  },
  CITIZEN_NOT_FOUND: { status: 404, vi: 'Không tìm thấy người dùng.', en: 'User not found.' },

  // inbox
  MESSAGE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tin nhắn.', en: 'Message not found.' },

  // notifications
  ZALO_WEBHOOK_SIGNATURE_INVALID: {
    status: 401,
    vi: 'Chữ ký sự kiện Zalo không hợp lệ.',
    en: 'The Zalo event signature is not valid.',
  },
  ZALO_WEBHOOK_STALE: {
    status: 401,
    vi: 'Sự kiện Zalo đã quá hạn.',
    en: 'The Zalo event is too old.',
  },
  OA_LINK_CONFLICT: {
    status: 409,
    vi: 'Tài khoản Zalo này đã được liên kết với người dùng khác.',
    en: 'This Zalo account is already linked to another user.',
  },
  ZALO_OA_TOKEN_REFUSED: {
    status: 400,
    vi: 'Zalo không chấp nhận mã làm mới (refresh token) của Official Account.',
    en: 'Zalo refused the Official Account refresh token.',
  },
  NOTIFICATION_NOT_FOUND: { status: 404, vi: 'Không tìm thấy thông báo.', en: 'Notification not found.' },
  TEMPLATE_INVALID: {
    status: 400,
    vi: 'Mẫu tin có biến không hợp lệ.',
    en: 'The template uses an unknown variable.',
  },
  BROADCAST_NOT_FOUND: { status: 404, vi: 'Không tìm thấy đợt gửi tin.', en: 'Broadcast not found.' },

  // procedures and dossiers
  PROCEDURE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy thủ tục.', en: 'Procedure not found.' },
  PROCEDURE_IMPORT_INVALID: {
    status: 400,
    vi: 'Tệp danh mục thủ tục không đọc được. Vui lòng kiểm tra định dạng JSON hoặc CSV.',
    en: 'The procedure catalog file cannot be read. Please check its JSON or CSV format.',
  },
  PROCEDURE_NOT_ONLINE: {
    status: 409,
    vi: 'Thủ tục này hiện không nhận hồ sơ trực tuyến.',
    en: 'This procedure does not accept online dossiers at the moment.',
  },
  FORM_INVALID: {
    status: 400,
    vi: 'Thông tin trong tờ khai chưa đúng. Vui lòng xem lại các mục được đánh dấu.',
    en: 'Some answers in the form are not valid. Please check the marked fields.',
  },
  DRAFT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bản nháp.', en: 'Draft not found.' },
  DOSSIER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy hồ sơ.', en: 'Dossier not found.' },
  DOSSIER_TRANSITION_INVALID: {
    status: 409,
    vi: 'Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.',
    en: 'This action is not possible in the dossier’s current status.',
  },
  DOSSIER_ASSIGNEE_INVALID: {
    status: 400,
    vi: 'Cán bộ được chọn không có vai trò xử lý hồ sơ của cơ quan này.',
    en: 'The chosen officer holds no handling role for this dossier’s agency.',
  },
  DOSSIER_FILE_INVALID: {
    status: 400,
    vi: 'Tệp đính kèm không hợp lệ hoặc không thuộc về bạn.',
    en: 'An attached file is not valid or is not yours.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    vi: 'Mã gửi này đã được dùng cho một hồ sơ khác.',
    en: 'This idempotency key was already used for a different dossier.',
  },
  ONE_STOP_SIGNATURE_INVALID: {
    status: 401,
    vi: 'Chữ ký của hệ thống một cửa không hợp lệ.',
    en: 'The one-stop system signature is not valid.',
  },
  ONE_STOP_STALE: {
    status: 401,
    vi: 'Yêu cầu của hệ thống một cửa đã quá hạn (quá 5 phút).',
    en: 'The one-stop request is too old (over 5 minutes).',
  },
  INTEGRATION_NOT_FOUND: { status: 404, vi: 'Không tìm thấy kết nối.', en: 'Integration not found.' },
  INTEGRATION_EXISTS: {
    status: 409,
    vi: 'Đã có kết nối mang tên này.',
    en: 'An integration with this name already exists.',
  },

  // field incident reports
  REPORT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy phản ánh.', en: 'Report not found.' },
  REPORT_CATEGORY_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy lĩnh vực phản ánh.',
    en: 'Report category not found.',
  },
  REPORT_CATEGORY_EXISTS: {
    status: 409,
    vi: 'Đã có lĩnh vực phản ánh mang mã này.',
    en: 'A report category with this code already exists.',
  },
  REPORT_TRANSITION_INVALID: {
    status: 409,
    vi: 'Không thể thực hiện thao tác này ở trạng thái hiện tại của phản ánh.',
    en: 'This action is not possible in the report’s current state.',
  },
  REPORT_ACTION_FORBIDDEN: {
    status: 403,
    vi: 'Bạn không có quyền thực hiện thao tác này với phản ánh.',
    en: 'You may not take this action on the report.',
  },
  REPORT_ANSWER_REQUIRED: {
    status: 400,
    vi: 'Vui lòng nhập nội dung trả lời cho người phản ánh.',
    en: 'Please write an answer for the reporter.',
  },
  REPORT_PROOF_PHOTO_REQUIRED: {
    status: 400,
    vi: 'Lĩnh vực này cần ảnh chụp kết quả xử lý. Vui lòng đính kèm ít nhất một ảnh.',
    en: 'This category needs a photo of the finished work. Please attach at least one.',
  },
  REPORT_REASON_REQUIRED: {
    status: 400,
    vi: 'Vui lòng chọn lý do.',
    en: 'Please choose a reason.',
  },
  REPORT_DUPLICATE_INVALID: {
    status: 400,
    vi: 'Phản ánh gốc không hợp lệ (phải là phản ánh khác, cùng tỉnh và chưa bị từ chối).',
    en: 'The original report is not valid (it must be another, not rejected, report of this province).',
  },
  REPORT_AGENCY_INVALID: {
    status: 400,
    vi: 'Cơ quan được chọn không hợp lệ.',
    en: 'The chosen agency is not valid.',
  },
  REPORT_HANDLER_INVALID: {
    status: 400,
    vi: 'Cán bộ được chọn không có vai trò xử lý phản ánh của cơ quan này.',
    en: 'The chosen officer holds no handling role for this report’s agency.',
  },
  REPORT_PHOTO_REQUIRED: {
    status: 400,
    vi: 'Vui lòng chụp hoặc chọn ít nhất một ảnh.',
    en: 'Please take or choose at least one photo.',
  },
  REPORT_PHOTO_INVALID: {
    status: 400,
    vi: 'Ảnh đính kèm không hợp lệ hoặc không thuộc về bạn (tối đa 4 ảnh).',
    en: 'An attached photo is not valid or is not yours (at most 4 photos).',
  },
  REPORT_LOCATION_OUTSIDE: {
    status: 400,
    vi: 'Vị trí đã chọn nằm ngoài địa bàn của tỉnh.',
    en: 'The chosen location is outside the province.',
  },
  REPORT_REOPEN_EXPIRED: {
    status: 409,
    vi: 'Đã quá thời hạn mở lại phản ánh này.',
    en: 'The time to reopen this report has passed.',
  },
  REPORT_ALREADY_RATED: {
    status: 409,
    vi: 'Bạn đã đánh giá phản ánh này.',
    en: 'You have already rated this report.',
  },
  REPORT_WORKFLOW_INVALID: {
    status: 400,
    vi: 'Quy trình xử lý phản ánh không hợp lệ.',
    en: 'The report workflow definition is not valid.',
  },
  REPORT_GEOMETRY_INVALID: {
    status: 400,
    vi: 'Ranh giới địa giới hành chính không hợp lệ (cần GeoJSON Polygon hoặc MultiPolygon).',
    en: 'The boundary is not valid (a GeoJSON Polygon or MultiPolygon is needed).',
  },
  OPEN311_CLIENT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy ứng dụng kết nối Open311.',
    en: 'Open311 client not found.',
  },
  OPEN311_CLIENT_EXISTS: {
    status: 409,
    vi: 'Đã có ứng dụng kết nối Open311 mang tên này.',
    en: 'An Open311 client with this name already exists.',
  },

  // lists
  EXPORT_TOO_LARGE: {
    status: 400,
    vi: 'Danh sách quá lớn để tải về. Vui lòng thu hẹp bộ lọc (ví dụ theo khoảng thời gian) rồi thử lại.',
    en: 'The list is too large to download. Please narrow the filter (for example by date) and try again.',
  },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
