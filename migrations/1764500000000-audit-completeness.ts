import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail must show a chain that was removed or rewound, not only one that was edited:
 *
 * - Every committee has a chain from its creation: a trigger on `committee` writes its genesis head
 *   (seq 0), so a missing head row is itself a finding (the verifier starts from `committee`, not from
 *   the tables it checks).
 * - A head only moves forward: to a higher seq, onto events that exist and continue the old head
 *   (the first new event's prev_hash is the old head's hash, the last one's hash is the new head's);
 *   it is never deleted, and a new head row can only be a genesis.
 * - `audit_checkpoint` (+ `_head`): the worker's daily copy of every head (seq = events in the chain,
 *   hash), append-only. The verifier checks that each chain still reaches each checkpointed head, so
 *   a chain rewound to an earlier state, consistent as it may be, is reported.
 * - `audit_verification` names what was asked for: a committee (and its subtree), or the whole tree.
 *
 * Someone with the database's superuser can still switch triggers off; then the checkpoint (and the
 * worker's log line of each one) is what gives the removal away.
 */
export class AuditCompleteness1764500000000 implements MigrationInterface {
  name = 'AuditCompleteness1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);

    await q.query(
      `INSERT INTO audit_chain_head (committee_id, seq, hash) SELECT id, 0, repeat('0', 64) FROM committee ON CONFLICT DO NOTHING`,
    );
    await q.query(`
      CREATE FUNCTION audit_chain_genesis() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO audit_chain_head (committee_id, seq, hash) VALUES (NEW.id, 0, repeat('0', 64));
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER committee_audit_chain_genesis AFTER INSERT ON committee FOR EACH ROW EXECUTE FUNCTION audit_chain_genesis()`,
    );

    await q.query(`
      CREATE FUNCTION audit_chain_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.seq <> 0 OR NEW.hash <> repeat('0', 64) THEN
            RAISE EXCEPTION 'a new audit chain starts at its genesis (seq 0)' USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END IF;
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'audit_chain_head rows are never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.committee_id <> OLD.committee_id OR NEW.seq <= OLD.seq THEN
          RAISE EXCEPTION 'an audit chain head only moves forward (seq % to % refused)', OLD.seq, NEW.seq USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.committee_id = OLD.committee_id AND e.seq = OLD.seq + 1 AND e.prev_hash = OLD.hash)
           OR NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.committee_id = NEW.committee_id AND e.seq = NEW.seq AND e.hash = NEW.hash) THEN
          RAISE EXCEPTION 'an audit chain head moves only onto events that continue it' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_chain_head_forward_only BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_head
      FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward_only()`);
    await q.query(
      `CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`,
    );

    // taken_on is the day in Vietnam: one checkpoint a day, whoever runs the job and however often.
    await q.query(`
      CREATE TABLE audit_checkpoint (
        taken_on date PRIMARY KEY,
        id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
        taken_at timestamptz NOT NULL DEFAULT now(),
        committees int NOT NULL,
        events bigint NOT NULL
      )`);
    // No foreign key to committee: the checkpoint must remember a committee even if its row goes.
    await q.query(`
      CREATE TABLE audit_checkpoint_head (
        taken_on date NOT NULL REFERENCES audit_checkpoint (taken_on),
        committee_id uuid NOT NULL,
        seq bigint NOT NULL,
        hash text NOT NULL,
        PRIMARY KEY (taken_on, committee_id)
      )`);
    for (const table of ['audit_checkpoint', 'audit_checkpoint_head'])
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`,
      );

    // A verification without a committee is of the whole tree (operators); `checkpoint` is the one it compared against.
    await q.query(`
      ALTER TABLE audit_verification
        ADD COLUMN committee_id uuid REFERENCES committee (id),
        ADD COLUMN subtree boolean NOT NULL DEFAULT true,
        ADD COLUMN checkpoint date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_verification DROP COLUMN committee_id, DROP COLUMN subtree, DROP COLUMN checkpoint`);
    await q.query(`DROP TABLE audit_checkpoint_head`);
    await q.query(`DROP TABLE audit_checkpoint`);
    await q.query(`DROP TRIGGER audit_chain_head_no_truncate ON audit_chain_head`);
    await q.query(`DROP TRIGGER audit_chain_head_forward_only ON audit_chain_head`);
    await q.query(`DROP FUNCTION audit_chain_head_forward_only()`);
    await q.query(`DROP TRIGGER committee_audit_chain_genesis ON committee`);
    await q.query(`DROP FUNCTION audit_chain_genesis()`);
    await q.query(`DROP FUNCTION audit_refuse_change()`);
    // The genesis heads stay: the earlier code reads a head at seq 0 as an empty chain.
  }
}
