import { MigrationInterface, QueryRunner } from 'typeorm';
import { RULEBOOK_SEED } from '@canbo/rulebook';

/**
 * Confidence votes (lấy phiếu tín nhiệm, domain.md §6; README "Ballot secrecy").
 *
 * A session belongs to its committee (row-level security like appointment). Who received a ballot
 * (`vote_voter.ballot_issued`, the sign-in sheet) and the ballots (`ballot`) are two tables that share
 * nothing but the session: a ballot has no id of its own, no voter, no time, no sequence; its key is the
 * voter's receipt (a hash the server cannot tie to anyone, see libs/votes ballot-box.ts), and the token
 * that admitted it is kept only as a hash, so the same token cannot be used twice. The session's private
 * signing key lives in its own table and is deleted when the session closes.
 */
const SCOPE = `(SELECT canbo_scope())`;
const VISIBLE = (table: string) =>
  `${SCOPE} = '{(,)}'::int8multirange OR EXISTS (SELECT 1 FROM committee c WHERE c.id = ${table}.committee_id AND c.pre <@ ${SCOPE})`;
const OF_VISIBLE_SESSION = (table: string) => `EXISTS (SELECT 1 FROM vote_session s WHERE s.id = ${table}.session_id)`;
const VOTE_RULES = ['vote.quorum', 'vote.low-confidence'];

export class Votes1765600000000 implements MigrationInterface {
  name = 'Votes1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vote_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        committee_id uuid NOT NULL REFERENCES committee(id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        mode text NOT NULL CHECK (mode IN ('electronic', 'paper')),
        convened int NOT NULL CHECK (convened BETWEEN 1 AND 100000),
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL CHECK (closes_at > opens_at),
        state text NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'closed', 'void', 'cancelled')),
        -- The session's blind-signature key (RSA-PSS, SPKI DER): electronic sessions only.
        public_key bytea,
        present int CHECK (present >= 0),
        returned int CHECK (returned >= 0),
        valid int CHECK (valid >= 0),
        spoiled int CHECK (spoiled >= 0),
        counting_record jsonb,
        closed_at timestamptz,
        void_reason text,
        cancel_reason text,
        created_by uuid REFERENCES app_user(id),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((mode = 'electronic') = (public_key IS NOT NULL)),
        CHECK ((state IN ('closed', 'void')) = (closed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX vote_session_committee_idx ON vote_session (committee_id, opens_at DESC, id)`);
    await q.query(`CREATE INDEX vote_session_due_idx ON vote_session (closes_at) WHERE state = 'scheduled'`);
    await q.query(`CREATE TABLE vote_session_key (
        session_id uuid PRIMARY KEY REFERENCES vote_session(id) ON DELETE CASCADE,
        private_key bytea NOT NULL
      )`);
    await q.query(`
      CREATE TABLE vote_subject (
        session_id uuid NOT NULL REFERENCES vote_session(id),
        position int NOT NULL CHECK (position >= 1),
        cadre_id uuid NOT NULL REFERENCES cadre(id),
        post text NOT NULL CHECK (length(post) BETWEEN 1 AND 300),
        PRIMARY KEY (session_id, position),
        UNIQUE (session_id, cadre_id)
      )`);
    // The sign-in sheet: who may vote and who has received a ballot. No time is kept on purpose.
    await q.query(`
      CREATE TABLE vote_voter (
        session_id uuid NOT NULL REFERENCES vote_session(id),
        user_id uuid NOT NULL REFERENCES app_user(id),
        ballot_issued boolean NOT NULL DEFAULT false,
        PRIMARY KEY (session_id, user_id)
      )`);
    await q.query(`CREATE INDEX vote_voter_user_idx ON vote_voter (user_id)`);
    // The ballot box: ratings in subject order (1 high, 2 confidence, 3 low). Keyed by the receipt.
    await q.query(`
      CREATE TABLE ballot (
        session_id uuid NOT NULL REFERENCES vote_session(id),
        receipt bytea NOT NULL CHECK (length(receipt) = 32),
        token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
        ratings smallint[] NOT NULL CHECK (array_ndims(ratings) = 1 AND 1 <= ALL (ratings) AND 3 >= ALL (ratings)),
        PRIMARY KEY (session_id, receipt),
        UNIQUE (session_id, token_hash)
      )`);
    // Per subject, restricted: the counts and the thresholds applied, with both denominators.
    await q.query(`
      CREATE TABLE vote_result (
        session_id uuid NOT NULL REFERENCES vote_session(id),
        position int NOT NULL,
        cadre_id uuid NOT NULL REFERENCES cadre(id),
        high int NOT NULL CHECK (high >= 0),
        confidence int NOT NULL CHECK (confidence >= 0),
        low int NOT NULL CHECK (low >= 0),
        low_share_of_returned numeric(7, 4),
        low_share_of_convened numeric(7, 4) NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('none', 'low-majority', 'low-two-thirds')),
        rule_id text NOT NULL,
        PRIMARY KEY (session_id, position),
        FOREIGN KEY (session_id, position) REFERENCES vote_subject(session_id, position)
      )`);
    await q.query(`CREATE INDEX vote_result_cadre_idx ON vote_result (cadre_id)`);

    await q.query(`CREATE POLICY vote_session_scope ON vote_session FOR ALL USING (${VISIBLE('vote_session')})`);
    for (const table of ['vote_session_key', 'vote_subject', 'vote_voter', 'ballot', 'vote_result'])
      await q.query(`CREATE POLICY ${table}_scope ON ${table} FOR ALL USING (${OF_VISIBLE_SESSION(table)})`);
    for (const table of ['vote_session', 'vote_session_key', 'vote_subject', 'vote_voter', 'ballot', 'vote_result']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }

    // The rule table was seeded from the rulebook as it stood; a fresh database already has these rows.
    const rules = RULEBOOK_SEED.filter((r) => VOTE_RULES.includes(r.id));
    for (const r of rules)
      await q.query(
        `INSERT INTO rule (id, valid_from, valid_to, title, regulation, article, parameters, unverified, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [r.id, r.validFrom, r.validTo, r.title, r.regulation, r.article, JSON.stringify(r.parameters), r.unverified, r.note],
      );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE vote_result, ballot, vote_voter, vote_subject, vote_session_key, vote_session`);
    await q.query(`DELETE FROM rule WHERE id = ANY($1)`, [VOTE_RULES]);
  }
}
