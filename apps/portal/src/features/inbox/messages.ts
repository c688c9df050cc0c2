/** The inbox, Vietnamese first. */
export const vi = {
  inbox: {
    inbox: 'Thông báo',
    empty: 'Không có thông báo nào',
    unreadEmpty: 'Không có thông báo chưa đọc',
    unreadOnly: 'Chỉ thông báo chưa đọc',
    readAll: 'Đánh dấu tất cả đã đọc',
    readAllDone: 'Đã đánh dấu {{count}} thông báo là đã đọc.',
    open: 'Xem',
    unread: 'Chưa đọc',
    badge: 'Thông báo: {{count}} chưa đọc',
    opening: 'Đang mở thông báo…',
    notFound: 'Không tìm thấy thông báo này trong hộp thư của bạn.',
    back: 'Về hộp thư',
    fields: { title: 'Tiêu đề', body: 'Nội dung', createdAt: 'Thời gian', kind: 'Loại' },
    kinds: {
      'deadline.reminder': 'Nhắc hạn',
      'deadline.due': 'Đến hạn',
      'deadline.overdue': 'Quá hạn',
      'deadline.escalation': 'Báo cáo chậm tiến độ',
    } as Record<string, string>,
    other: 'Thông báo',
  },
};

/** English, with the same keys. */
export const en: typeof vi = {
  inbox: {
    inbox: 'Notifications',
    empty: 'No notifications',
    unreadEmpty: 'No unread notifications',
    unreadOnly: 'Unread only',
    readAll: 'Mark all as read',
    readAllDone: '{{count}} notifications marked as read.',
    open: 'Open',
    unread: 'Unread',
    badge: 'Notifications: {{count}} unread',
    opening: 'Opening the notification…',
    notFound: 'This notification is not in your inbox.',
    back: 'Back to the inbox',
    fields: { title: 'Title', body: 'Message', createdAt: 'Time', kind: 'Kind' },
    kinds: {
      'deadline.reminder': 'Reminder',
      'deadline.due': 'Due today',
      'deadline.overdue': 'Overdue',
      'deadline.escalation': 'Late committee',
    },
    other: 'Notice',
  },
};
