/** The operator's queues and job failures, Vietnamese first. */
export const vi = {
  operations: {
    operations: 'Hàng đợi',
    title: 'Hàng đợi công việc',
    dashboardHint: 'Bảng điều khiển hàng đợi mở trong một thẻ mới, chỉ để xem (phiên xem có hiệu lực 15 phút).',
    openDashboard: 'Mở bảng điều khiển hàng đợi',
    dashboardLink: 'Bảng điều khiển đã sẵn sàng: bấm vào đây nếu thẻ mới không tự mở',
    failures: 'Công việc thất bại',
    failuresEmpty: 'Không có công việc nào thất bại',
    fields: { failedAt: 'Thời điểm', queue: 'Hàng đợi', name: 'Công việc', attempts: 'Số lần thử', error: 'Lỗi' },
    queues: { notifications: 'Thông báo', deadlines: 'Thời hạn', maintenance: 'Bảo trì' },
    jobs: {
      heartbeat: 'Kiểm tra hoạt động',
      'verify-audit-chains': 'Kiểm tra chuỗi nhật ký',
      'audit-checkpoint': 'Chốt nhật ký hằng ngày',
      'scan-deadlines': 'Quét thời hạn',
      'deadline-steps': 'Nhắc hạn của một cấp ủy',
      'send-email': 'Gửi thư điện tử',
    },
    problems: {
      '403': 'Chỉ quản trị hệ thống được mở bảng điều khiển hàng đợi.',
      '0': 'Không kết nối được máy chủ.',
      unknown: 'Không mở được bảng điều khiển: {{detail}}',
    },
  },
};

/** English, with the same keys. */
export const en: typeof vi = {
  operations: {
    operations: 'Queues',
    title: 'Job queues',
    dashboardHint: 'The queue dashboard opens in a new tab, read-only (the viewing session lasts 15 minutes).',
    openDashboard: 'Open the queue dashboard',
    dashboardLink: 'The dashboard is ready: click here if the new tab did not open',
    failures: 'Failed jobs',
    failuresEmpty: 'No job has failed',
    fields: { failedAt: 'When', queue: 'Queue', name: 'Job', attempts: 'Attempts', error: 'Error' },
    queues: { notifications: 'Notifications', deadlines: 'Deadlines', maintenance: 'Maintenance' },
    jobs: {
      heartbeat: 'Heartbeat',
      'verify-audit-chains': 'Audit chain check',
      'audit-checkpoint': 'Daily audit checkpoint',
      'scan-deadlines': 'Deadline scan',
      'deadline-steps': "A committee's deadline reminders",
      'send-email': 'E-mail delivery',
    },
    problems: {
      '403': 'Only operators may open the queue dashboard.',
      '0': 'The server cannot be reached.',
      unknown: 'The dashboard could not be opened: {{detail}}',
    },
  },
};
