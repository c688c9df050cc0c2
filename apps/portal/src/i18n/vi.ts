/** Vietnamese: the portal's first language. Keys mirror en.ts. */
export const vi = {
  app: {
    title: 'Canbo — Quản lý cán bộ',
    language: 'Ngôn ngữ',
    logout: 'Đăng xuất',
    loadMore: 'Tải thêm',
    forbidden: 'Bạn không có quyền xem trang này.',
    backHome: 'Về trang chính',
  },
  /** Refine's own keys (the menu's sign-out entry, buttons). */
  buttons: { logout: 'Đăng xuất' },
  login: {
    title: 'Đăng nhập',
    subtitle: 'Hệ thống quản lý hồ sơ cán bộ',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    required: { username: 'Vui lòng nhập tên đăng nhập', password: 'Vui lòng nhập mật khẩu' },
    errors: {
      invalid: 'Tên đăng nhập hoặc mật khẩu không đúng.',
      locked: 'Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau.',
      lockedUntil: 'Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần, đến {{time}}.',
      throttled: 'Quá nhiều lần đăng nhập trong thời gian ngắn. Vui lòng đợi một phút rồi thử lại.',
      busy: 'Hệ thống đang bận xử lý đăng nhập. Vui lòng thử lại sau {{seconds}} giây.',
      network: 'Không kết nối được máy chủ.',
      unknown: 'Đăng nhập không thành công. Vui lòng thử lại.',
    },
  },
  /** The filters every report shares (appraisal figures, rotation figures). */
  reportPeriod: {
    committee: 'Cấp ủy',
    allCommittees: 'Tất cả cấp ủy trong phạm vi của bạn',
    subtree: 'Gồm cả các cấp ủy trực thuộc',
    year: 'Năm',
    period: 'Kỳ báo cáo',
    periods: { year: 'Cả năm', h1: '6 tháng đầu năm', h2: '6 tháng cuối năm', q1: 'Quý I', q2: 'Quý II', q3: 'Quý III', q4: 'Quý IV' },
  },
  /** The "export to Excel" button of the cadre list and the figures screens. */
  export: {
    excel: 'Xuất Excel',
    problems: {
      403: 'Bạn không có quyền xuất dữ liệu này.',
      404: 'Cấp ủy đã chọn không tồn tại hoặc bạn không được xem.',
      unknown: 'Không xuất được tệp Excel. Vui lòng thử lại. {{detail}}',
    },
  },
  home: { welcome: 'Xin chào, {{name}}', roles: 'Vai trò của bạn' },
  roles: {
    operator: 'Quản trị hệ thống',
    auditor: 'Kiểm tra',
    admin: 'Quản trị',
    officer: 'Cán bộ nghiệp vụ',
    secretary: 'Bí thư',
    viewer: 'Xem',
    voter: 'Người bỏ phiếu',
  },
  /** Field errors by the API's check (problem+json `errors[].code`), in the user's words. */
  validation: {
    isNotEmpty: 'Không được để trống.',
    isDefined: 'Không được để trống.',
    isString: 'Phải là văn bản.',
    maxLength: 'Quá dài.',
    minLength: 'Quá ngắn.',
    isIn: 'Giá trị không nằm trong danh sách cho phép.',
    isEnum: 'Giá trị không nằm trong danh sách cho phép.',
    isDateString: 'Ngày không hợp lệ.',
    isISO8601: 'Ngày không hợp lệ.',
    isUUID: 'Mã định danh không hợp lệ.',
    isInt: 'Phải là số nguyên.',
    min: 'Giá trị quá nhỏ.',
    max: 'Giá trị quá lớn.',
    isEmail: 'Địa chỉ e-mail không hợp lệ.',
    matches: 'Không đúng định dạng.',
    arrayMaxSize: 'Quá nhiều mục.',
    arrayMinSize: 'Quá ít mục.',
    isBoolean: 'Phải là có hoặc không.',
    isArray: 'Phải là một danh sách.',
    whitelistValidation: 'Trường này không được phép.',
    pageSize: 'Số dòng mỗi trang phải từ 1 đến 200.',
  },
};

export type Messages = typeof vi;
