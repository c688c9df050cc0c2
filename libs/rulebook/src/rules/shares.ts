import { Fraction } from './rule';

/** Integer arithmetic, so 20 of 30 is exactly 2/3 and a rounding never decides a vote. */
function checked({ numerator, denominator }: Fraction, count: number, base: number): void {
  if (!(denominator > 0) || numerator < 0) throw new RangeError(`not a share: ${numerator}/${denominator}`);
  if (count < 0 || base < 0) throw new RangeError(`counts are ≥ 0: ${count} of ${base}`);
}

/** `count` is at least `share` of `base` (≥ 2/3 of those convened present). */
export function atLeastShare(count: number, base: number, share: Fraction): boolean {
  checked(share, count, base);
  return count * share.denominator >= share.numerator * base;
}

/** `count` is more than `share` of `base` (> 50 % of those convened); exactly half is not more. */
export function moreThanShare(count: number, base: number, share: Fraction): boolean {
  checked(share, count, base);
  return count * share.denominator > share.numerator * base;
}
