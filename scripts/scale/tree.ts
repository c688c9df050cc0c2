import { PRE_STEP } from '@canbo/committees';
import { rng } from '../demo/names';
import { IdSequence, subSeed } from './ids';
import { districtCommitteeName, grassrootsCommitteeName, placeName, provinceCommitteeName } from './places';

export type Level = 'central' | 'provincial' | 'district' | 'grassroots';
export type TreeShape = '2019' | '2025';

export interface Committee {
  index: number;
  id: string;
  code: string;
  name: string;
  level: Level;
  /** Index of the parent, -1 for the root. */
  parent: number;
  children: number[];
  /** Index of the provincial committee above (or itself); -1 for the root. */
  province: number;
  /** The place part of the name ("Bình Sơn"), for hometowns and organisations. */
  place: string;
  nodeNo: number;
  depth: number;
  path: string;
  pre: number;
  lastPre: number;
}

export interface Tree {
  committees: Committee[];
  /** Committee indexes in ltree order (= pre order). */
  preOrder: number[];
}

export const TREE_SIZES: Record<TreeShape, { provinces: number; districts: number; grassroots: number }> = {
  '2019': { provinces: 63, districts: 700, grassroots: 10_000 },
  '2025': { provinces: 34, districts: 0, grassroots: 3_321 },
};

/**
 * Splits `total` over `buckets` with each at least `min`, proportional to random weights in
 * [1 - variance, 1 + variance]; exact total (cumulative floors).
 */
export function spread(total: number, buckets: number, random: () => number, variance: number, min = 0): number[] {
  const weights = Array.from({ length: buckets }, () => 1 - variance + 2 * variance * random());
  return allocate(Math.max(0, total - min * buckets), weights).map((n) => n + min);
}

/** `total` split proportionally to `weights` (cumulative floors: the parts add up exactly). */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = new Array<number>(weights.length).fill(0);
  if (sum <= 0) return out;
  let acc = 0;
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i];
    const upTo = i === weights.length - 1 ? total : Math.floor((total * acc) / sum);
    out[i] = upTo - given;
    given = upTo;
  }
  return out;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** ltree order: label by label, bytewise (shorter first on a tie), then ancestors before descendants. */
export function compareLabels(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds the committee tree. node_no follows creation order (top-down, level by level, as an operator
 * would create them); `pre`/`last_pre` are what tree.ts's RENUMBER_SQL computes: rank in ltree order
 * × PRE_STEP, and the pre of the last descendant.
 */
export function buildTree(shape: TreeShape, seed: number, ids: IdSequence): Tree {
  const random = rng(subSeed(seed, 101));
  const sizes = TREE_SIZES[shape];
  const committees: Committee[] = [];
  const add = (c: Omit<Committee, 'index' | 'id' | 'children' | 'nodeNo' | 'depth' | 'path' | 'pre' | 'lastPre'>): Committee => {
    const index = committees.length;
    const parent = c.parent >= 0 ? committees[c.parent] : undefined;
    const nodeNo = index + 1;
    const node: Committee = {
      ...c,
      index,
      id: ids.id(index),
      children: [],
      nodeNo,
      depth: parent ? parent.depth + 1 : 0,
      path: parent ? `${parent.path}.n${nodeNo}` : `n${nodeNo}`,
      pre: 0,
      lastPre: 0,
    };
    committees.push(node);
    parent?.children.push(index);
    return node;
  };

  add({ code: 'TW', name: 'Ban Chấp hành Trung ương', level: 'central', parent: -1, province: -1, place: 'Trung ương' });
  const provinces: Committee[] = [];
  for (let p = 1; p <= sizes.provinces; p++) {
    const place = placeName(random);
    const index = committees.length;
    provinces.push(
      add({ code: `P${pad(p, 2)}`, name: provinceCommitteeName(random, place), level: 'provincial', parent: 0, province: index, place }),
    );
  }

  if (shape === '2019') {
    const districtsPer = spread(sizes.districts, provinces.length, random, 0.5, 1);
    const districts: Committee[] = [];
    provinces.forEach((prov, i) => {
      for (let d = 1; d <= districtsPer[i]; d++) {
        const place = placeName(random);
        districts.push(
          add({
            code: `${prov.code}-D${pad(d, 2)}`,
            name: districtCommitteeName(random, place),
            level: 'district',
            parent: prov.index,
            province: prov.index,
            place,
          }),
        );
      }
    });
    const grassPer = spread(sizes.grassroots, districts.length, random, 0.4, 1);
    districts.forEach((dist, i) => {
      for (let g = 1; g <= grassPer[i]; g++) {
        const place = placeName(random);
        add({
          code: `${dist.code}-G${pad(g, 3)}`,
          name: grassrootsCommitteeName(random, place),
          level: 'grassroots',
          parent: dist.index,
          province: dist.province,
          place,
        });
      }
    });
  } else {
    const grassPer = spread(sizes.grassroots, provinces.length, random, 0.5, 1);
    provinces.forEach((prov, i) => {
      for (let g = 1; g <= grassPer[i]; g++) {
        const place = placeName(random);
        add({
          code: `${prov.code}-G${pad(g, 4)}`,
          name: grassrootsCommitteeName(random, place),
          level: 'grassroots',
          parent: prov.index,
          province: prov.index,
          place,
        });
      }
    });
  }

  // Pre-order over children sorted by their ltree label ('n10' < 'n9', as ltree compares labels bytewise).
  const preOrder: number[] = [];
  const label = (i: number) => `n${committees[i].nodeNo}`;
  for (const c of committees) c.children.sort((a, b) => compareLabels(label(a), label(b)));
  const stack = [0];
  while (stack.length) {
    const i = stack.pop() as number;
    preOrder.push(i);
    committees[i].pre = preOrder.length * PRE_STEP;
    const kids = committees[i].children;
    for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]);
  }
  // last_pre: children come after their parent in pre order, so a reverse sweep sees every subtree complete.
  for (let k = preOrder.length - 1; k >= 0; k--) {
    const c = committees[preOrder[k]];
    c.lastPre = c.children.length ? committees[c.children[c.children.length - 1]].lastPre : c.pre;
  }
  return { committees, preOrder };
}
