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
};

export type Messages = typeof vi;
