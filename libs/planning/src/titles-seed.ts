/**
 * The titles catalogue as the migration seeds it (domain.md §1.2, §9: Position / Title with the level
 * managing it): the leadership titles of each committee level, each managed by the level above
 * (QĐ 368's groups: a provincial secretary is in the Politburo's list, a district secretary in the
 * provincial standing committee's). `rank` orders titles across levels, larger is more senior, so
 * "only higher titles" (QĐ 377) compares two numbers. A catalogue change needs a migration.
 */
export interface TitleSeed {
  code: string;
  levelCode: string;
  name: string;
  rank: number;
  managedByLevel: string;
}

const level = (levelCode: string, managedByLevel: string, titles: [code: string, name: string, rank: number][]): TitleSeed[] =>
  titles.map(([code, name, rank]) => ({ code: `${levelCode}.${code}`, levelCode, name, rank, managedByLevel }));

export const TITLES_SEED: readonly TitleSeed[] = [
  ...level('central', 'central', [
    ['general-secretary', 'Tổng Bí thư', 1000],
    ['politburo-member', 'Ủy viên Bộ Chính trị', 950],
    ['secretariat-member', 'Bí thư Trung ương Đảng', 920],
    ['central-committee-member', 'Ủy viên Ban Chấp hành Trung ương Đảng', 900],
  ]),
  ...level('provincial', 'central', [
    ['secretary', 'Bí thư Tỉnh ủy', 600],
    ['deputy-secretary', 'Phó Bí thư Tỉnh ủy', 580],
    ['people-council-chair', 'Chủ tịch Hội đồng nhân dân tỉnh', 570],
    ['people-committee-chair', 'Chủ tịch Ủy ban nhân dân tỉnh', 570],
    ['people-committee-vice-chair', 'Phó Chủ tịch Ủy ban nhân dân tỉnh', 540],
    ['standing-committee-member', 'Ủy viên Ban Thường vụ Tỉnh ủy', 530],
    ['organisation-board-head', 'Trưởng Ban Tổ chức Tỉnh ủy', 520],
    ['inspection-commission-chair', 'Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy', 520],
  ]),
  ...level('district', 'provincial', [
    ['secretary', 'Bí thư Huyện ủy', 400],
    ['deputy-secretary', 'Phó Bí thư Huyện ủy', 380],
    ['people-council-chair', 'Chủ tịch Hội đồng nhân dân huyện', 370],
    ['people-committee-chair', 'Chủ tịch Ủy ban nhân dân huyện', 370],
    ['people-committee-vice-chair', 'Phó Chủ tịch Ủy ban nhân dân huyện', 340],
    ['standing-committee-member', 'Ủy viên Ban Thường vụ Huyện ủy', 330],
  ]),
  ...level('grassroots', 'district', [
    ['secretary', 'Bí thư Đảng ủy xã', 200],
    ['deputy-secretary', 'Phó Bí thư Đảng ủy xã', 180],
    ['people-committee-chair', 'Chủ tịch Ủy ban nhân dân xã', 170],
  ]),
];
