import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDatabase, dropDatabase, uniqueName, urlFor } from './support/databases';

const root = join(__dirname, '..');

/** `npm run audit:verify` as an operator runs it: the built command against a real database. */
describe('npm run audit:verify', () => {
  const database = uniqueName('canbo_cli');
  const run = () =>
    spawnSync('node', ['dist/scripts/audit-verify.js'], { cwd: root, env: { ...process.env, DATABASE_URL: urlFor(database) }, encoding: 'utf8' });

  beforeAll(async () => {
    execFileSync('bash', ['scripts/ensure-build.sh'], { cwd: root, stdio: 'ignore' });
    await createDatabase(database, process.env.CANBO_TEST_TEMPLATE);
  }, 180_000);
  afterAll(() => dropDatabase(database));

  it('says the demo trail is intact and exits 0', () => {
    const result = run();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/audit trail intact: \d+ events in 5 committee chains/);
  });

  it('names the committee and the first broken link of a tampered chain and exits 1', async () => {
    const client = new Client({ connectionString: urlFor(database) });
    await client.connect();
    try {
      // The table refuses updates; only a superuser bypassing triggers (as an attacker with the database would) can edit it.
      await client.query(`SET session_replication_role = replica`);
      const { rows } = await client.query(
        `UPDATE audit_event e SET changes = '{"after":{"fullName":"forged"}}'
          FROM committee c WHERE c.id = e.committee_id AND c.code = 'TH-NS' AND e.seq = 7 RETURNING e.id`,
      );
      expect(rows).toHaveLength(1);
      const result = run();
      expect(result.status).toBe(1);
      expect(result.stdout).toContain(`TH-NS: first broken link at seq 7 (event ${rows[0].id})`);
      expect(result.stdout).toContain('BROKEN in 1 of 5 chains');
    } finally {
      await client.end();
    }
  });
});
