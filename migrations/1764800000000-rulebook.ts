import { MigrationInterface, QueryRunner } from 'typeorm';
import { OFFICIAL_CALENDAR_SEED, RULEBOOK_SEED } from '@canbo/rulebook';

/**
 * The rulebook (domain.md §0: every numeric rule as effective-dated data) and the official working-day
 * calendar (§7.7). National reference data: no committee column, no row-level security, read by everyone.
 *
 * `rule` holds versions: one row per rule id and first day in force, `valid_to` the last day (null while
 * in force); the exclusion constraint keeps two versions of a rule from claiming the same day, so a case
 * dated any day is judged by at most one. `calendar_day` holds the days that are not plain weekdays of
 * the civil-service week; a year is known to the arithmetic when it has rows.
 *
 * Seeded from the lists in libs/rulebook, so the code's tests and the database start from the same data.
 * Those lists are this migration's data: a later change to them needs a migration that applies it to
 * existing databases.
 */
export class Rulebook1764800000000 implements MigrationInterface {
  name = 'Rulebook1764800000000';

  async up(q: QueryRunner): Promise<void> {
    // Equality on text inside a GiST exclusion constraint. Like the foundation's extensions, it stays on down.
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE rule (
        id text NOT NULL CHECK (id ~ '^[a-z][a-z-]*(\\.[a-z][a-z-]*)+$'),
        valid_from date NOT NULL,
        valid_to date CHECK (valid_to >= valid_from),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        regulation text NOT NULL CHECK (length(regulation) BETWEEN 1 AND 300),
        article text,
        parameters jsonb NOT NULL CHECK (jsonb_typeof(parameters) = 'object'),
        unverified boolean NOT NULL DEFAULT false,
        note text,
        PRIMARY KEY (id, valid_from),
        -- An unverified point says why: explanations show the note.
        CHECK (NOT unverified OR note IS NOT NULL),
        EXCLUDE USING gist (id WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
      )`);

    await q.query(`
      CREATE TABLE calendar_day (
        day date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('holiday', 'substitute', 'swapped-working-day', 'pending')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        legal_basis text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 1000),
        enabled boolean NOT NULL DEFAULT true,
        -- A pending day (24/11) counts only once it is a holiday with its legal basis.
        CHECK (kind <> 'pending' OR NOT enabled),
        -- A swapped working day is a Saturday or Sunday worked; a substitute, a weekday off.
        CHECK (kind <> 'swapped-working-day' OR extract(isodow FROM day) >= 6),
        CHECK (kind <> 'substitute' OR extract(isodow FROM day) <= 5)
      )`);

    const rules = RULEBOOK_SEED.map((r) => [
      r.id,
      r.validFrom,
      r.validTo,
      r.title,
      r.regulation,
      r.article,
      JSON.stringify(r.parameters),
      r.unverified,
      r.note,
    ]);
    await q.query(
      `INSERT INTO rule (id, valid_from, valid_to, title, regulation, article, parameters, unverified, note)
       SELECT * FROM unnest($1::text[], $2::date[], $3::date[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::boolean[], $9::text[])`,
      columns(rules, 9),
    );
    const days = OFFICIAL_CALENDAR_SEED.map((d) => [d.date, d.kind, d.name, d.legalBasis, d.enabled]);
    await q.query(
      `INSERT INTO calendar_day (day, kind, name, legal_basis, enabled)
       SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::boolean[])`,
      columns(days, 5),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_day`);
    await q.query(`DROP TABLE rule`);
  }
}

/** Rows to one array per column, for a single `unnest` insert. */
function columns(rows: unknown[][], width: number): unknown[][] {
  return Array.from({ length: width }, (_, i) => rows.map((row) => row[i]));
}
