/** The signed-in user's own account, Vietnamese first. */
export const vi = {
  account: {
    title: 'Tài khoản của tôi',
    menu: 'Tài khoản của tôi',
    roles: 'Vai trò của bạn',
    noRoles: 'Bạn chưa giữ vai trò nào',
    password: 'Đổi mật khẩu',
    passwordHint: 'Sau khi đổi mật khẩu, mọi phiên đăng nhập khác của bạn (trên các máy khác) sẽ kết thúc.',
    fields: {
      username: 'Tên đăng nhập',
      displayName: 'Họ và tên',
      email: 'Thư điện tử',
      currentPassword: 'Mật khẩu hiện tại',
      newPassword: 'Mật khẩu mới',
      confirm: 'Nhập lại mật khẩu mới',
    },
    submit: 'Đổi mật khẩu',
    done: 'Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.',
    validation: {
      currentPassword: 'Vui lòng nhập mật khẩu hiện tại',
      wrongPassword: 'Mật khẩu hiện tại không đúng',
      newPassword: 'Mật khẩu mới dài 10–256 ký tự, có ít nhất một chữ cái và một chữ số',
      confirm: 'Hai mật khẩu không khớp',
    },
    problems: {
      'password-changed': 'Mật khẩu vừa được đổi ở một phiên khác. Vui lòng đăng nhập lại bằng mật khẩu mới.',
      '429': 'Quá nhiều lần thử trong thời gian ngắn. Vui lòng đợi một phút rồi thử lại.',
      '503': 'Hệ thống đang bận. Vui lòng thử lại sau ít giây.',
      '0': 'Không kết nối được máy chủ.',
      unknown: 'Không đổi được mật khẩu: {{detail}}',
    },
  },
};

/** English, with the same keys. */
export const en: typeof vi = {
  account: {
    title: 'My account',
    menu: 'My account',
    roles: 'Your roles',
    noRoles: 'You hold no role',
    password: 'Change password',
    passwordHint: 'Once the password is changed, every other session of yours (on other devices) ends.',
    fields: {
      username: 'Username',
      displayName: 'Full name',
      email: 'E-mail',
      currentPassword: 'Current password',
      newPassword: 'New password',
      confirm: 'Repeat the new password',
    },
    submit: 'Change password',
    done: 'The password was changed. Your other sessions have ended.',
    validation: {
      currentPassword: 'Enter your current password',
      wrongPassword: 'The current password is wrong',
      newPassword: 'The new password is 10–256 characters with at least one letter and one digit',
      confirm: 'The two passwords differ',
    },
    problems: {
      'password-changed': 'The password was just changed in another session. Please sign in again with the new one.',
      '429': 'Too many attempts in a short time. Please wait a minute and try again.',
      '503': 'The system is busy. Please try again in a few seconds.',
      '0': 'The server cannot be reached.',
      unknown: 'The password could not be changed: {{detail}}',
    },
  },
};
