import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { SubjectCount } from './tally';

/**
 * The ballot box and the session's signing key. Nothing here names a voter: a ballot is its receipt,
 * the hash of the token that admitted it, and its ratings (README, "Ballot secrecy").
 */
@Injectable()
export class BallotBoxRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async storeKey(sessionId: string, privateKey: Buffer): Promise<void> {
    await this.tx.query(`INSERT INTO vote_session_key (session_id, private_key) VALUES ($1, $2)`, [sessionId, privateKey]);
  }

  async privateKey(sessionId: string): Promise<Buffer | undefined> {
    const [row]: { privateKey: Buffer }[] = await this.tx.query(
      `SELECT private_key AS "privateKey" FROM vote_session_key WHERE session_id = $1`,
      [sessionId],
    );
    return row?.privateKey;
  }

  /** Adds the ballot unless its token was used already (false then). */
  async cast(sessionId: string, ballot: { receipt: Buffer; tokenHash: Buffer; ratings: readonly number[] }): Promise<boolean> {
    const rows: unknown[] = await this.tx.query(
      `INSERT INTO ballot (session_id, receipt, token_hash, ratings) VALUES ($1, $2, $3, $4::smallint[])
       ON CONFLICT (session_id, token_hash) DO NOTHING RETURNING 1`,
      [sessionId, ballot.receipt, ballot.tokenHash, ballot.ratings],
    );
    return rows.length === 1;
  }

  /**
   * Per subject position, the count of each rating, and the ballots in the box: one pass over the
   * session's ballots, one round trip (a box with no ballot has no positions and returned 0).
   */
  async count(sessionId: string, subjects: number): Promise<{ returned: number; subjects: SubjectCount[] }> {
    const rows: { position: number; high: number; confidence: number; low: number; returned: number }[] = await this.tx.query(
      `SELECT r.position::int AS position,
              count(*) FILTER (WHERE r.rating = 1)::int AS high,
              count(*) FILTER (WHERE r.rating = 2)::int AS confidence,
              count(*) FILTER (WHERE r.rating = 3)::int AS low,
              (SELECT count(*)::int FROM ballot WHERE session_id = $1) AS returned
         FROM ballot b CROSS JOIN LATERAL unnest(b.ratings) WITH ORDINALITY AS r(rating, position)
        WHERE b.session_id = $1 GROUP BY r.position`,
      [sessionId],
    );
    const byPosition = new Map(rows.map(({ returned: _, ...r }) => [r.position, r]));
    return {
      returned: rows[0]?.returned ?? 0,
      subjects: Array.from({ length: subjects }, (_, i) => byPosition.get(i + 1) ?? { position: i + 1, high: 0, confidence: 0, low: 0 }),
    };
  }

  /**
   * At the close: the key is destroyed (no more ballots can ever be admitted) and the session's ballots
   * are written again in receipt order by this one transaction, so neither their place in the table
   * nor the transaction that wrote them keeps the order in which they were cast. Returns the SHA-256 (hex)
   * of the sealed receipts, sorted and one per line: anyone holding the receipts list can check it.
   */
  async seal(sessionId: string): Promise<string> {
    await this.tx.query(`DELETE FROM vote_session_key WHERE session_id = $1`, [sessionId]);
    const [{ digest }]: { digest: string }[] = await this.tx.query(
      `WITH cast_ballots AS (DELETE FROM ballot WHERE session_id = $1 RETURNING *),
            sealed AS (INSERT INTO ballot (session_id, receipt, token_hash, ratings)
                       SELECT session_id, receipt, token_hash, ratings FROM cast_ballots ORDER BY receipt RETURNING receipt)
       SELECT encode(sha256(convert_to(coalesce(string_agg(encode(receipt, 'hex'), E'\n' ORDER BY receipt), ''), 'UTF8')), 'hex') AS digest
         FROM sealed`,
      [sessionId],
    );
    return digest;
  }

  /** Every counted receipt of the session, sorted (hex). */
  async receipts(sessionId: string): Promise<string[]> {
    const rows: { receipt: string }[] = await this.tx.query(
      `SELECT encode(receipt, 'hex') AS receipt FROM ballot WHERE session_id = $1 ORDER BY receipt`,
      [sessionId],
    );
    return rows.map((r) => r.receipt);
  }
}
