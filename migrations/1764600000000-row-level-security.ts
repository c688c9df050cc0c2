import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A database backstop for tenant isolation: the API and the worker connect as `canbo_app`, a role that
 * owns no table (superusers and owners bypass row-level security), and the tenant-owned tables show it
 * only the rows of the scope its transaction carries. The application's own checks (CASL rules, the
 * `accessibleBy` filters) stay the authority; a query that forgets them still cannot leave the scope.
 *
 * The scope (libs/platform/src/database/scope.ts) is written into every transaction, transaction-locally:
 * - `app.scope`: an `int8multirange` of pre-order intervals, the union of the actor's subtrees (a voter:
 *   its own committee only). The operator runs the whole tree — it creates, moves and dissolves
 *   committees, which renumbers every committee and moves other boards' cadres and deadlines — so its
 *   scope is every committee (`{(,)}`); its inbox is still its own. System work (logins, loading the
 *   actor, worker jobs, the outbox relay, seeding) has every committee too, and every inbox.
 * - `app.user_id`: whose inbox is visible. `app.system`: 'on' for system work.
 * No scope (nothing set, or empty) shows no rows: fail-closed. Policies read each setting once per
 * statement (`(SELECT canbo_scope())` is an InitPlan), then compare numbers.
 *
 * Tenant-owned, under RLS (enabled and forced):
 * - cadre, cadre_tally: `committee_pre` in the scope (the working committee; the managing one is it or
 *   an ancestor, so reach over the working committee is reach over the file, as in ability.factory.ts).
 * - cadre_position, cadre_evaluation: rows of a visible cadre.
 * - cadre_age_tally, audit_event, audit_chain_head, deadline, deadline_batch: their committee in the scope.
 * - committee: read where its interval overlaps the scope — its subtree and its ancestors, whose names
 *   and codes every screen shows (paths, a file's managing board, who set a deadline); written only
 *   inside the scope. Changes to the tree's shape widen their own transaction to the whole tree
 *   (WHOLE_TREE_SCOPE_SQL), since they read neighbours and renumber every row that copies a `pre`.
 * - notification: its recipient's (or system work's); notification_delivery: a visible notification's.
 *
 * Not under RLS, and why:
 * - role_assignment: the access-control table itself. Authorising reads a user's assignments across
 *   the tree (loading the actor; "may edit this account" compares with the user's highest committee),
 *   and hiding rows outside the caller's reach would loosen those checks instead of backing them up.
 * - app_user, refresh_token: accounts belong to no committee; logins read them before any scope exists.
 * - committee_level, deadline_policy: national reference data. outbox, job_failure, audit_verification:
 *   infrastructure (ids and errors, read by operators and the worker). schema_migration: not granted.
 */

const ROLE = 'canbo_app';

const SCOPE = `(SELECT canbo_scope())`;
/** The system and the operator see every committee: skip the per-row lookup for them. */
const committeeVisible = (column: string) =>
  `(${SCOPE} = '{(,)}'::int8multirange OR EXISTS (SELECT 1 FROM committee c WHERE c.id = ${column} AND c.pre <@ ${SCOPE}))`;

const POLICIES: [table: string, using: string][] = [
  ['cadre', `committee_pre <@ ${SCOPE}`],
  ['cadre_tally', `committee_pre <@ ${SCOPE}`],
  ['cadre_position', `EXISTS (SELECT 1 FROM cadre k WHERE k.id = cadre_position.cadre_id)`],
  ['cadre_evaluation', `EXISTS (SELECT 1 FROM cadre k WHERE k.id = cadre_evaluation.cadre_id)`],
  ['cadre_age_tally', committeeVisible('cadre_age_tally.committee_id')],
  ['audit_event', committeeVisible('audit_event.committee_id')],
  ['audit_chain_head', committeeVisible('audit_chain_head.committee_id')],
  ['deadline', committeeVisible('deadline.committee_id')],
  ['deadline_batch', committeeVisible('deadline_batch.committee_id')],
  ['notification', `(recipient_id = (SELECT canbo_user_id()) OR (SELECT canbo_system()))`],
  ['notification_delivery', `EXISTS (SELECT 1 FROM notification n WHERE n.id = notification_delivery.notification_id)`],
];

const TABLES = ['committee', ...POLICIES.map(([table]) => table)];

export class RowLevelSecurity1764600000000 implements MigrationInterface {
  name = 'RowLevelSecurity1764600000000';

  async up(q: QueryRunner): Promise<void> {
    // Roles belong to the cluster, shared by every database on it (each e2e suite's copy, the scale set):
    // created once, never dropped by a migration. LOGIN without a password: production sets one.
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}') THEN
          CREATE ROLE ${ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created meanwhile by another database's migration
      END $$`);

    await q.query(`GRANT USAGE ON SCHEMA public TO ${ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${ROLE}`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${ROLE}`);
    // Later migrations' tables are the app's too (they are created by the same owner).
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${ROLE}`);
    await q.query(`REVOKE ALL ON schema_migration FROM ${ROLE}`);
    // The trail is append-only (its trigger refuses anyway); the app is not even granted the change.
    await q.query(`REVOKE UPDATE, DELETE ON audit_event FROM ${ROLE}`);

    // Empty means unset: after a transaction that set it, a session sees '' rather than NULL.
    await q.query(`
      CREATE FUNCTION canbo_scope() RETURNS int8multirange LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT nullif(current_setting('app.scope', true), '')::int8multirange $$`);
    await q.query(`
      CREATE FUNCTION canbo_user_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$`);
    await q.query(`
      CREATE FUNCTION canbo_system() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT coalesce(current_setting('app.system', true) = 'on', false) $$`);

    await q.query(`CREATE POLICY committee_read ON committee FOR SELECT USING (int8range(pre, last_pre, '[]') && ${SCOPE})`);
    await q.query(`CREATE POLICY committee_write ON committee FOR ALL USING (pre <@ ${SCOPE}) WITH CHECK (pre <@ ${SCOPE})`);
    for (const [table, using] of POLICIES) await q.query(`CREATE POLICY ${table}_scope ON ${table} FOR ALL USING (${using})`);
    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      // Forced: a role that came to own a table would still be bound (superusers never are).
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    for (const [table] of POLICIES) await q.query(`DROP POLICY ${table}_scope ON ${table}`);
    await q.query(`DROP POLICY committee_write ON committee`);
    await q.query(`DROP POLICY committee_read ON committee`);
    await q.query(`DROP FUNCTION canbo_system()`);
    await q.query(`DROP FUNCTION canbo_user_id()`);
    await q.query(`DROP FUNCTION canbo_scope()`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM ${ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${ROLE}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${ROLE}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${ROLE}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${ROLE}`);
    // The role stays: other databases on the cluster use it.
  }
}
