/**
 * Generated Vietnamese names for demo and benchmark data: common family, middle and given names
 * combined at random. No real person's data, anywhere.
 */
export const FAMILY_NAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Đinh',
  'Trịnh',
  'Mai',
  'Lương',
];
export const MALE_MIDDLE = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Thanh', 'Xuân', 'Công', 'Đình', 'Tiến', 'Mạnh', 'Ngọc'];
export const FEMALE_MIDDLE = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Hồng', 'Kim', 'Phương', 'Thùy', 'Mai'];
export const MALE_GIVEN = [
  'Hùng',
  'Dũng',
  'Tuấn',
  'Nam',
  'Bình',
  'Đức',
  'Sơn',
  'Hải',
  'Long',
  'Quân',
  'Thắng',
  'Cường',
  'Khánh',
  'Phúc',
  'Trung',
  'Vinh',
  'Hiếu',
  'Toàn',
  'Lâm',
  'Đạt',
];
export const FEMALE_GIVEN = [
  'Lan',
  'Hoa',
  'Hương',
  'Thảo',
  'Trang',
  'Phương',
  'Yến',
  'Hạnh',
  'Nga',
  'Linh',
  'Huyền',
  'Ánh',
  'Dung',
  'Nhung',
  'Oanh',
  'Vân',
  'Hà',
  'Loan',
  'Quyên',
  'Tâm',
];
export const ETHNICITIES = ['Kinh', 'Kinh', 'Kinh', 'Kinh', 'Kinh', 'Kinh', 'Mường', 'Thái', 'Tày', 'Dao'];

/** A small deterministic PRNG (mulberry32): the same seed always yields the same data set. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];

export function personName(random: () => number, gender: 'male' | 'female'): string {
  const middle = pick(random, gender === 'male' ? MALE_MIDDLE : FEMALE_MIDDLE);
  const given = pick(random, gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN);
  return `${pick(random, FAMILY_NAMES)} ${middle} ${given}`;
}
