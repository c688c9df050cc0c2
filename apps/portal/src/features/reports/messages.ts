/** The report on cadres by level, gender and age band, Vietnamese first. */
export const vi = {
  reports: {
    /** The menu entry: short enough for the menu's width. */
    menu: 'Cơ cấu cán bộ',
    cadreStructure: 'Cơ cấu cán bộ theo cấp, giới tính và độ tuổi',
    committee: 'Cấp ủy',
    allCommittees: 'Tất cả cấp ủy trong phạm vi của bạn',
    subtree: 'Gồm cả các cấp ủy trực thuộc',
    summary: 'Số liệu tính đến ngày {{date}}: tổng số {{count}} cán bộ.',
    ageNote: 'Tuổi tính theo năm sinh.',
    chart: 'Biểu đồ số cán bộ theo cấp và độ tuổi, chia theo giới tính',
    table: 'Bảng số cán bộ theo cấp, độ tuổi và giới tính',
    level: 'Cấp',
    ageBand: 'Độ tuổi',
    total: 'Tổng số',
    subtotal: 'Cộng',
    grandTotal: 'Tổng cộng',
    empty: 'Không có cán bộ nào trong phạm vi đã chọn.',
    error: 'Không tải được báo cáo. Vui lòng thử lại.',
    gender: { male: 'Nam', female: 'Nữ' },
    /** Short names of the demo's levels; a level added by a reform shows the name GET /committee-levels gives it. */
    levels: { central: 'Trung ương', provincial: 'Cấp tỉnh', district: 'Cấp huyện', grassroots: 'Cấp cơ sở' },
    bands: {
      under_30: 'Dưới 30 tuổi',
      '30_39': 'Từ 30 đến 39 tuổi',
      '40_49': 'Từ 40 đến 49 tuổi',
      '50_59': 'Từ 50 đến 59 tuổi',
      '60_plus': 'Từ 60 tuổi trở lên',
    },
    bandsShort: { under_30: 'Dưới 30', '30_39': '30–39', '40_49': '40–49', '50_59': '50–59', '60_plus': 'Từ 60' },
  },
};

/** English, with the same keys. */
export const en: typeof vi = {
  reports: {
    menu: 'Cadre structure',
    cadreStructure: 'Cadres by level, gender and age band',
    committee: 'Committee',
    allCommittees: 'All committees you may see',
    subtree: 'Include the committees below',
    summary: 'Figures as of {{date}}: {{count}} cadres in all.',
    ageNote: 'Ages by year of birth.',
    chart: 'Chart of cadres by level and age band, split by gender',
    table: 'Table of cadres by level, age band and gender',
    level: 'Level',
    ageBand: 'Age band',
    total: 'Total',
    subtotal: 'Subtotal',
    grandTotal: 'Grand total',
    empty: 'No cadres in the chosen scope.',
    error: 'The report could not be loaded. Please try again.',
    gender: { male: 'Male', female: 'Female' },
    levels: { central: 'Central', provincial: 'Provincial', district: 'District', grassroots: 'Grassroots' },
    bands: {
      under_30: 'Under 30',
      '30_39': '30 to 39',
      '40_49': '40 to 49',
      '50_59': '50 to 59',
      '60_plus': '60 and over',
    },
    bandsShort: { under_30: '< 30', '30_39': '30–39', '40_49': '40–49', '50_59': '50–59', '60_plus': '60+' },
  },
};
