/**
 * Vietnamese-looking place names, titles and qualifications for the synthetic national data set.
 * Names are generated from common syllables: no real committee, and no real person, is described.
 */
import { pick } from '../demo/names';

const SYLLABLES = [
  'An',
  'Bình',
  'Hòa',
  'Phú',
  'Thạnh',
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Long',
  'Tân',
  'Thanh',
  'Quảng',
  'Hưng',
  'Yên',
  'Phước',
  'Lộc',
  'Sơn',
  'Hải',
  'Giang',
  'Vĩnh',
  'Đức',
  'Thái',
  'Nghĩa',
  'Trung',
  'Hiệp',
  'Mỹ',
  'Cẩm',
  'Kim',
  'Thuận',
  'Tiên',
  'Lạc',
  'Định',
  'Hà',
  'Lâm',
  'Ninh',
  'Xuân',
  'Quang',
  'Thịnh',
  'Hoàng',
  'Minh',
  'Tường',
  'Châu',
  'Điền',
  'Khánh',
];

/** Two syllables, never the same one twice: "Bình Sơn", "Tân Phước". */
export function placeName(random: () => number): string {
  const a = pick(random, SYLLABLES);
  let b = pick(random, SYLLABLES);
  while (b === a) b = pick(random, SYLLABLES);
  return `${a} ${b}`;
}

export function provinceCommitteeName(random: () => number, place: string): string {
  return `${random() < 0.1 ? 'Thành ủy' : 'Tỉnh ủy'} ${place}`;
}

export function districtCommitteeName(random: () => number, place: string): string {
  const r = random();
  return `${r < 0.78 ? 'Huyện ủy' : r < 0.9 ? 'Quận ủy' : r < 0.96 ? 'Thị ủy' : 'Thành ủy'} ${place}`;
}

export function grassrootsCommitteeName(random: () => number, place: string): string {
  const r = random();
  return `${r < 0.7 ? 'Đảng ủy xã' : r < 0.88 ? 'Đảng ủy phường' : r < 0.95 ? 'Đảng ủy thị trấn' : 'Đảng ủy cơ quan'} ${place}`;
}

export const TITLES: Record<string, readonly string[]> = {
  central: ['Vụ trưởng', 'Phó Vụ trưởng', 'Chuyên viên cao cấp', 'Chuyên viên chính'],
  provincial: ['Giám đốc Sở', 'Phó Giám đốc Sở', 'Trưởng ban', 'Phó Trưởng ban', 'Chánh Văn phòng', 'Chuyên viên chính'],
  district: ['Trưởng phòng', 'Phó Trưởng phòng', 'Trưởng ban', 'Phó Trưởng ban', 'Chuyên viên'],
  grassroots: [
    'Bí thư Đảng ủy',
    'Phó Bí thư Đảng ủy',
    'Chủ tịch UBND',
    'Phó Chủ tịch UBND',
    'Chủ tịch HĐND',
    'Công chức Văn phòng - Thống kê',
    'Chủ tịch Ủy ban MTTQ',
    'Bí thư Đoàn Thanh niên',
  ],
};

export const EDUCATION = [
  'Cử nhân Luật',
  'Cử nhân Kinh tế',
  'Thạc sĩ Quản lý công',
  'Kỹ sư Nông nghiệp',
  'Cử nhân Hành chính',
  'Thạc sĩ Kinh tế',
  'Tiến sĩ Kinh tế',
  'Cao đẳng Sư phạm',
  'Trung cấp Kế toán',
  'Cử nhân Xây dựng Đảng',
];

export const ETHNIC_MINORITIES = ['Tày', 'Thái', 'Mường', 'Khmer', 'Nùng', 'Hoa', "H'Mông", 'Dao', 'Gia Rai', 'Ê Đê'];

export const OCCUPATIONS = [
  'Giáo viên',
  'Nông dân',
  'Công nhân',
  'Bác sĩ',
  'Kỹ sư',
  'Sinh viên',
  'Học sinh',
  'Kinh doanh',
  'Hưu trí',
  'Viên chức',
];
