/** The voter's page, Vietnamese first. */
export const vi = {
  ballots: {
    /** The menu entry: short enough for the menu's width. */
    menu: 'Bỏ phiếu',
    ballots: 'Bỏ phiếu tín nhiệm',
    none: 'Hiện không có cuộc bỏ phiếu nào đang mở.',
    noneHint: 'Khi có cuộc lấy phiếu tín nhiệm mà bạn được mời bỏ phiếu, phiếu của bạn sẽ hiện ở đây.',
    open: 'Các cuộc bỏ phiếu đang mở',
    closesOn: 'Hạn bỏ phiếu: {{date}}',
  },
};

/** English, with the same keys. */
export const en: typeof vi = {
  ballots: {
    menu: 'Voting',
    ballots: 'Confidence votes',
    none: 'There is no open ballot at the moment.',
    noneHint: 'When a confidence vote you are invited to is opened, your ballot will appear here.',
    open: 'Open ballots',
    closesOn: 'Closes on {{date}}',
  },
};
