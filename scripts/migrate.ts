import 'reflect-metadata';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { DataSource } from 'typeorm';
import { appDatabaseUrlOf, dataSourceOptions, loadConfig } from '@canbo/platform';
import { migrations } from '../migrations';

/**
 * `migrate up` applies pending migrations; `migrate down [n]` reverts the last n (default 1);
 * `migrate status` lists them. Each migration runs in its own transaction.
 */
/** Creates the database named in the URL when the server does not have it yet. */
export async function ensureDatabase(url: string, log: (line: string) => void = console.log): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * The API and the worker connect as the app role (migration 1764600000000 creates it without a
 * password, enough under local trust auth). When their URL carries a password, the owner sets it
 * here, so a cluster with password authentication works from a fresh clone and production needs no
 * manual step. Roles are cluster-wide: this is the same role for every database on the server.
 */
async function setAppRolePassword(db: DataSource, appUrl: string, log: (line: string) => void): Promise<void> {
  const url = new URL(appUrl);
  const role = decodeURIComponent(url.username);
  if (!url.password || !role) return;
  const [exists] = await db.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
  if (!exists) return;
  try {
    await db.query(`ALTER ROLE ${escapeIdentifier(role)} PASSWORD ${escapeLiteral(decodeURIComponent(url.password))}`);
    log(`set the password of role ${role}`);
  } catch (error) {
    // An owner without CREATEROLE: the DBA sets it (ALTER ROLE … PASSWORD); the schema is migrated anyway.
    log(`could not set the password of role ${role}: ${(error as Error).message}`);
  }
}

export async function migrate(
  url: string,
  command: 'up' | 'down' | 'status',
  steps = 1,
  log: (line: string) => void = console.log,
): Promise<void> {
  const db = new DataSource(dataSourceOptions(url, migrations));
  await db.initialize();
  try {
    if (command === 'up') {
      const ran = await db.runMigrations({ transaction: 'each' });
      log(ran.length ? `applied: ${ran.map((m) => m.name).join(', ')}` : 'schema is up to date');
      await setAppRolePassword(db, appDatabaseUrlOf(url, process.env.APP_DATABASE_URL), log);
    } else if (command === 'down') {
      for (let i = 0; i < steps; i++) await db.undoLastMigration({ transaction: 'each' });
      log(`reverted ${steps} migration(s)`);
    } else {
      const applied = new Set((await db.query(`SELECT name FROM schema_migration`).catch(() => [])).map((r: { name: string }) => r.name));
      for (const m of migrations) log(`${applied.has(m.name) ? '[x]' : '[ ]'} ${m.name}`);
    }
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  const [command = 'up', steps = '1'] = process.argv.slice(2);
  if (!['up', 'down', 'status'].includes(command)) {
    console.error('usage: migrate up | down [n] | status');
    process.exit(2);
  }
  const { DATABASE_URL } = loadConfig({ JWT_SECRET: 'x'.repeat(32), ...process.env });
  (command === 'up' ? ensureDatabase(DATABASE_URL) : Promise.resolve())
    .then(() => migrate(DATABASE_URL, command as 'up' | 'down' | 'status', Number(steps)))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
