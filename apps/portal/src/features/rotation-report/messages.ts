/** Rotation figures (thống kê luân chuyển), Vietnamese first. */
export const vi = {
  rotationReport: {
    menu: 'Thống kê luân chuyển',
    title: 'Thống kê luân chuyển cán bộ',
    summary:
      'Các trường hợp luân chuyển bắt đầu từ ngày {{from}} đến ngày {{to}}, do cấp ủy trong phạm vi đề xuất hoặc đến cấp ủy trong phạm vi: {{total}} trường hợp.',
    count: 'Số trường hợp',
    share: 'Tỷ lệ',
    total: 'Tổng cộng',
    error: 'Không tải được số liệu. Vui lòng thử lại.',
    tables: {
      direction: 'Theo hướng luân chuyển',
      type: 'Theo loại luân chuyển',
      level: 'Theo cấp của nơi đến',
      state: 'Theo trạng thái',
    },
    columns: { direction: 'Hướng', type: 'Loại', level: 'Cấp của nơi đến', state: 'Trạng thái' },
    directions: {
      'upper-to-lower': 'Từ trên xuống',
      'lower-to-upper': 'Từ dưới lên',
      'locality-to-locality': 'Giữa các địa phương',
      'same-level': 'Cùng cấp',
    },
    types: {
      training: 'Đào tạo, rèn luyện',
      'non-local': 'Bố trí người không là người địa phương',
      'term-limit': 'Giữ chức vụ quá thời hạn',
    },
    levels: { central: 'Trung ương', provincial: 'Cấp tỉnh', district: 'Cấp huyện', grassroots: 'Cơ sở' },
    states: {
      proposed: 'Đề xuất',
      approved: 'Đã phê duyệt',
      in_progress: 'Đang luân chuyển',
      concluded: 'Đã kết thúc',
      cancelled: 'Đã hủy',
    },
  },
};

export const en: typeof vi = {
  rotationReport: {
    menu: 'Rotation figures',
    title: 'Cadre rotation figures',
    summary: 'Rotations starting from {{from}} to {{to}}, proposed by a committee you see or received by one: {{total}} in all.',
    count: 'Rotations',
    share: 'Share',
    total: 'Total',
    error: 'The figures could not be loaded. Please try again.',
    tables: {
      direction: 'By direction',
      type: 'By type',
      level: "By the destination's level",
      state: 'By state',
    },
    columns: { direction: 'Direction', type: 'Type', level: "Destination's level", state: 'State' },
    directions: {
      'upper-to-lower': 'Upper to lower',
      'lower-to-upper': 'Lower to upper',
      'locality-to-locality': 'Between localities',
      'same-level': 'Same level',
    },
    types: { training: 'Training', 'non-local': 'Non-local posting', 'term-limit': 'Term limit' },
    levels: { central: 'Central', provincial: 'Provincial', district: 'District', grassroots: 'Grassroots' },
    states: { proposed: 'Proposed', approved: 'Approved', in_progress: 'Under way', concluded: 'Concluded', cancelled: 'Cancelled' },
  },
};
