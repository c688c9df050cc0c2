import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { migrate } from '../migrate';
import { seedRotations } from './rotations';

/**
 * `npm run seed:scale:rotations [-- --seed N]`: adds the rotations (rotations.ts) to an existing scale
 * set (SCALE_DATABASE_URL), migrating it first, without reseeding the rest. Refuses a set that already
 * holds rotations. `npm run seed:scale` does the same as one of its phases.
 */
async function main(): Promise<void> {
  const url = process.env.SCALE_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/canbo_scale';
  const seedArg = process.argv.indexOf('--seed');
  const seed = seedArg >= 0 ? Number(process.argv[seedArg + 1]) : 1;
  await migrate(url, 'up');
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM rotation`)).rows;
    if (n > 0) throw new Error(`${url} already holds ${n} rotations`);
    const t = performance.now();
    await db.query('BEGIN');
    const rotations = await seedRotations(db, seed, '2026-10-01');
    await db.query('COMMIT');
    await db.query(`VACUUM ANALYZE rotation`);
    console.log(`rotation ${rotations} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    await db.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
