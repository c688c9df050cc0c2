import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation: the committee tree, identity, cadre files and the audit trail.
 *
 * Tree: `path` (ltree) for tree operations, `pre`/`last_pre` (a gapped pre-order interval) for subtree
 * filters. Hot tables copy their committee's `pre` so a subtree is one btree range.
 */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS ltree`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes this safe to index.
    await q.query(`
      CREATE FUNCTION search_fold(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`);

    // Vietnamese ordering. ICU is preferred; a server built without ICU falls back to the database default.
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'vi-VN-x-icu') THEN
          CREATE COLLATION vietnamese (provider = icu, locale = 'vi-VN');
        ELSE
          CREATE COLLATION vietnamese FROM "default";
        END IF;
      END $$`);

    await q.query(`
      CREATE TABLE committee_level (
        code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$'),
        name text NOT NULL,
        rank int NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO committee_level (code, name, rank) VALUES
        ('central', 'Trung ương', 0),
        ('provincial', 'Tỉnh, thành phố trực thuộc Trung ương', 10),
        ('district', 'Huyện, quận, thị xã, thành phố thuộc tỉnh', 20),
        ('grassroots', 'Cơ sở', 30)`);

    await q.query(`CREATE SEQUENCE committee_node_seq`);
    await q.query(`
      CREATE TABLE committee (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,39}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        level_code text NOT NULL REFERENCES committee_level(code),
        parent_id uuid REFERENCES committee(id),
        node_no bigint NOT NULL DEFAULT nextval('committee_node_seq') UNIQUE,
        path ltree NOT NULL,
        depth int NOT NULL,
        pre bigint NOT NULL,
        last_pre bigint NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dissolved')),
        successor_id uuid REFERENCES committee(id),
        valid_from date NOT NULL DEFAULT current_date,
        valid_to date,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (last_pre >= pre),
        CHECK ((parent_id IS NULL) = (depth = 0)),
        CHECK ((status = 'dissolved') = (valid_to IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX committee_code_key ON committee (code)`);
    await q.query(`ALTER TABLE committee ADD CONSTRAINT committee_pre_key UNIQUE (pre) DEFERRABLE INITIALLY DEFERRED`);
    await q.query(`CREATE INDEX committee_path_idx ON committee USING gist (path)`);
    await q.query(`CREATE INDEX committee_parent_idx ON committee (parent_id)`);

    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
        display_name text NOT NULL,
        email text,
        password_hash text NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        failed_login_count int NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_login_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_username_key ON app_user (username)`);

    await q.query(`
      CREATE TABLE role_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        committee_id uuid NOT NULL REFERENCES committee(id),
        role text NOT NULL CHECK (role IN ('operator', 'secretary', 'admin', 'officer', 'auditor', 'viewer', 'voter')),
        granted_by uuid REFERENCES app_user(id),
        granted_at timestamptz NOT NULL DEFAULT now(),
        revoked_by uuid REFERENCES app_user(id),
        revoked_at timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX role_assignment_active_key ON role_assignment (user_id, committee_id, role) WHERE revoked_at IS NULL`,
    );
    await q.query(`CREATE INDEX role_assignment_committee_idx ON role_assignment (committee_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id),
        family_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text
      )`);
    await q.query(`CREATE INDEX refresh_token_family_idx ON refresh_token (family_id)`);
    await q.query(`CREATE INDEX refresh_token_user_idx ON refresh_token (user_id)`);

    await q.query(`
      CREATE TABLE cadre (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        committee_id uuid NOT NULL REFERENCES committee(id),
        committee_pre bigint NOT NULL,
        managing_committee_id uuid NOT NULL REFERENCES committee(id),
        managing_pre bigint NOT NULL,
        full_name text NOT NULL CHECK (length(full_name) BETWEEN 2 AND 200),
        given_name text GENERATED ALWAYS AS (regexp_replace(btrim(full_name), '^.*\\s', '')) STORED,
        name_search text GENERATED ALWAYS AS (search_fold(full_name)) STORED,
        gender text NOT NULL CHECK (gender IN ('male', 'female')),
        date_of_birth date NOT NULL,
        ethnicity text NOT NULL,
        religion text,
        hometown text,
        party_join_date date,
        party_official_date date,
        education_level text,
        political_theory_level text CHECK (political_theory_level IN ('elementary', 'intermediate', 'advanced', 'bachelor')),
        status text NOT NULL DEFAULT 'serving' CHECK (status IN ('serving', 'rotated_out', 'retired', 'deceased', 'removed')),
        discipline jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(discipline) = 'array'),
        political_notes text,
        family jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(family) = 'array'),
        archived_at timestamptz,
        archived_reason text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (party_official_date IS NULL OR party_join_date IS NOT NULL AND party_official_date >= party_join_date)
      )`);
    await q.query(`CREATE INDEX cadre_committee_pre_idx ON cadre (committee_pre, id)`);
    await q.query(`CREATE INDEX cadre_managing_pre_idx ON cadre (managing_pre, id)`);
    await q.query(`CREATE INDEX cadre_name_order_idx ON cadre ((given_name COLLATE vietnamese), (full_name COLLATE vietnamese), id)`);
    await q.query(`CREATE INDEX cadre_name_search_idx ON cadre USING gin (name_search gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE cadre_position (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cadre_id uuid NOT NULL REFERENCES cadre(id),
        committee_id uuid REFERENCES committee(id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        organisation text NOT NULL CHECK (length(organisation) BETWEEN 1 AND 300),
        concurrent boolean NOT NULL DEFAULT false,
        started_on date NOT NULL,
        ended_on date,
        decision_ref text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ended_on IS NULL OR ended_on >= started_on)
      )`);
    await q.query(`CREATE INDEX cadre_position_cadre_idx ON cadre_position (cadre_id, started_on)`);

    await q.query(`
      CREATE TABLE cadre_evaluation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cadre_id uuid NOT NULL REFERENCES cadre(id),
        year int NOT NULL CHECK (year BETWEEN 1945 AND 2200),
        rating text NOT NULL CHECK (rating IN ('excellent', 'good', 'completed', 'not_completed')),
        score numeric(5, 2) CHECK (score BETWEEN 0 AND 100),
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cadre_id, year)
      )`);

    // Append-only: the trail is written in the same transaction as the change it records, and chained
    // per committee (each hash covers the previous one) so an edited or deleted row shows.
    await q.query(`
      CREATE TABLE audit_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        committee_id uuid NOT NULL REFERENCES committee(id),
        seq bigint NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_id uuid,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        action text NOT NULL,
        changes jsonb NOT NULL,
        request_id text,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        UNIQUE (committee_id, seq)
      )`);
    await q.query(`CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id, occurred_at)`);
    await q.query(`CREATE INDEX audit_event_time_idx ON audit_event (occurred_at, id)`);
    await q.query(`CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, occurred_at)`);
    await q.query(`
      CREATE TABLE audit_chain_head (
        committee_id uuid PRIMARY KEY REFERENCES committee(id),
        seq bigint NOT NULL,
        hash text NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_chain_head`);
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_event_append_only()`);
    await q.query(`DROP TABLE cadre_evaluation`);
    await q.query(`DROP TABLE cadre_position`);
    await q.query(`DROP TABLE cadre`);
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE role_assignment`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP TABLE committee`);
    await q.query(`DROP SEQUENCE committee_node_seq`);
    await q.query(`DROP TABLE committee_level`);
    await q.query(`DROP COLLATION vietnamese`);
    await q.query(`DROP FUNCTION search_fold(text)`);
  }
}
