/** Confidence-vote figures (thống kê lấy phiếu tín nhiệm), Vietnamese first. */
export const vi = {
  voteReport: {
    menu: 'Thống kê lấy phiếu tín nhiệm',
    title: 'Thống kê lấy phiếu tín nhiệm',
    summary:
      'Các hội nghị lấy phiếu tín nhiệm kết thúc từ ngày {{from}} đến ngày {{to}} trong phạm vi: {{sessions}} hội nghị, {{subjects}} lượt người được lấy phiếu.',
    sessions: 'Số hội nghị',
    subjects: 'Số người được lấy phiếu',
    count: 'Số người',
    share: 'Tỷ lệ',
    total: 'Tổng cộng',
    error: 'Không tải được số liệu. Vui lòng thử lại.',
    tables: { state: 'Theo kết quả hội nghị', mode: 'Theo hình thức', level: 'Theo cấp ủy', outcome: 'Kết quả theo Quy định 96' },
    columns: { state: 'Kết quả hội nghị', mode: 'Hình thức', level: 'Cấp', outcome: 'Kết quả' },
    results: 'Kết quả tính trên {{sessions}} hội nghị đã kiểm phiếu mà bạn được xem kết quả.',
    withheld:
      '{{withheld}} hội nghị đã kiểm phiếu khác không được tính: kết quả là thông tin hạn chế, chỉ cấp ủy tổ chức và cơ quan kiểm tra cấp trên được xem.',
    states: { closed: 'Đã kiểm phiếu', void: 'Không hợp lệ' },
    modes: { electronic: 'Bỏ phiếu điện tử', paper: 'Phiếu giấy' },
    levels: { central: 'Trung ương', provincial: 'Cấp tỉnh', district: 'Cấp huyện', grassroots: 'Cơ sở' },
    outcomes: {
      none: 'Không thuộc diện xem xét',
      'low-majority': 'Trên 50% tín nhiệm thấp',
      'low-two-thirds': 'Từ 2/3 tín nhiệm thấp trở lên',
    },
  },
};

export const en: typeof vi = {
  voteReport: {
    menu: 'Confidence vote figures',
    title: 'Confidence vote figures',
    summary: 'Confidence votes finished from {{from}} to {{to}} in your reach: {{sessions}} sessions, {{subjects}} people voted on.',
    sessions: 'Sessions',
    subjects: 'People voted on',
    count: 'People',
    share: 'Share',
    total: 'Total',
    error: 'The figures could not be loaded. Please try again.',
    tables: { state: 'By result of the session', mode: 'By mode', level: 'By committee level', outcome: 'Outcomes under QĐ 96' },
    columns: { state: 'Result of the session', mode: 'Mode', level: 'Level', outcome: 'Outcome' },
    results: 'Outcomes over {{sessions}} counted sessions whose results you may read.',
    withheld:
      '{{withheld}} other counted sessions are left out: results are restricted to the committee that held the vote and the inspection bodies above it.',
    states: { closed: 'Counted', void: 'Void' },
    modes: { electronic: 'Electronic ballots', paper: 'Paper ballots' },
    levels: { central: 'Central', provincial: 'Provincial', district: 'District', grassroots: 'Grassroots' },
    outcomes: { none: 'No action', 'low-majority': 'Over 50% low', 'low-two-thirds': '2/3 or more low' },
  },
};
