import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { SqlScope } from '@canbo/access';
import { CommitteeRange, Where, groupBy } from '@canbo/platform';
import type { Outcome, SubjectResult } from './tally';
import { VoteSession } from './vote-session.entity';
import type { VoteSessionState } from './vote-transitions';

/** The columns a VoteSession scope (`accessibleBy(…, 'VoteSession', VOTE_SESSION_COLUMNS)`) names. */
export const VOTE_SESSION_COLUMNS = { committeeId: 's.committee_id', committeePre: 'c.pre' } as const;
/** The columns a Ballot scope (a voter's own place on voter lists) names. */
export const VOTER_COLUMNS = { voterId: 'vv.user_id' } as const;

export type VoteSessionRow = Omit<VoteSession, 'updatedAt' | 'countingRecord'> & {
  committeeCode: string;
  committeeName: string;
  committeePre: string;
  voters: number;
  ballotsIssued: number;
};

export interface VoteSubjectRow {
  position: number;
  cadreId: string;
  fullName: string;
  post: string;
}

/** A subject's place on the ballot: who and for which post. */
export type VoteSubjectPlace = Omit<VoteSubjectRow, 'fullName'>;

export type VoteResultRow = Omit<SubjectResult, 'lowShareOfReturned' | 'lowShareOfConvened'> & {
  cadreId: string;
  lowShareOfReturned: string | null;
  lowShareOfConvened: string;
  ruleId: string;
};

/** A cadre's outcome in the latest session that voted on it (restricted, like the session's results). */
export interface CadreVoteOutcomeRow {
  cadreId: string;
  sessionId: string;
  committeeId: string;
  closedOn: string;
  outcome: Outcome;
  low: number;
  returned: number;
  lowShareOfReturned: number | null;
  ruleId: string;
}

const SELECT = `
  SELECT s.id, s.committee_id AS "committeeId", c.code AS "committeeCode", c.name AS "committeeName", c.pre AS "committeePre",
         s.title, s.mode, s.convened, s.opens_at AS "opensAt", s.closes_at AS "closesAt", s.state, s.public_key AS "publicKey",
         s.present, s.returned, s.valid, s.spoiled, s.closed_at AS "closedAt", s.void_reason AS "voidReason",
         s.cancel_reason AS "cancelReason", s.created_by AS "createdBy", s.version, s.created_at AS "createdAt",
         (SELECT count(*)::int FROM vote_voter v WHERE v.session_id = s.id) AS voters,
         (SELECT count(*)::int FROM vote_voter v WHERE v.session_id = s.id AND v.ballot_issued) AS "ballotsIssued"
    FROM vote_session s JOIN committee c ON c.id = s.committee_id`;

/** Rows of several sessions by session, in the order read, without the session id (it is not part of a view). */
function groupBySession<T extends { sessionId: string }>(rows: readonly T[]): Map<string, Omit<T, 'sessionId'>[]> {
  const without = ({ sessionId, ...row }: T): Omit<T, 'sessionId'> => (void sessionId, row);
  return new Map([...groupBy(rows, (r) => r.sessionId)].map(([id, list]) => [id, list.map(without)]));
}

/** Vote sessions, their subjects, voter lists and results (tenant-owned: reads take the caller's scope). */
@Injectable()
export class VotesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async find(scope: SqlScope, id: string, options: { lock?: boolean } = {}): Promise<VoteSessionRow | undefined> {
    const where = new Where().and('s.id = ?', id).andNamed(scope.sql, scope.params);
    const [row]: VoteSessionRow[] = await this.tx.query(`${SELECT} WHERE ${where}${options.lock ? ' FOR UPDATE OF s' : ''}`, where.params);
    return row;
  }

  async list(
    scope: SqlScope,
    filter: { range?: CommitteeRange; state?: VoteSessionState; after?: [string, string]; limit: number },
  ): Promise<VoteSessionRow[]> {
    const where = new Where().andNamed(scope.sql, scope.params).andCommittee({ id: 's.committee_id', pre: 'c.pre' }, filter.range);
    if (filter.state) where.and('s.state = ?', filter.state);
    if (filter.after) where.and('(s.opens_at, s.id) < (?::timestamptz, ?::uuid)', ...filter.after);
    return this.tx.query(`${SELECT} WHERE ${where} ORDER BY s.opens_at DESC, s.id DESC LIMIT ${filter.limit + 1}`, where.params);
  }

  /** The sessions whose voter list holds the voter (`scope`: a Ballot scope, its own place on the lists), newest first. */
  async ofVoter(scope: SqlScope, states: readonly VoteSessionState[]): Promise<(VoteSessionRow & { ballotIssued: boolean })[]> {
    const where = new Where().andNamed(scope.sql, scope.params).and('s.state = ANY(?)', states);
    return this.tx.query(
      `${SELECT.replace(' FROM vote_session s', ', vv.ballot_issued AS "ballotIssued" FROM vote_session s JOIN vote_voter vv ON vv.session_id = s.id')}
        WHERE ${where} ORDER BY s.opens_at DESC, s.id DESC LIMIT 50`,
      where.params,
    );
  }

  /** How many subjects a session rates (a ballot holds one rating each): a count, not the rows. */
  async subjectCount(sessionId: string): Promise<number> {
    const [row]: { n: number }[] = await this.tx.query(`SELECT count(*)::int AS n FROM vote_subject WHERE session_id = $1`, [sessionId]);
    return row.n;
  }

  /**
   * A session's subjects in ballot order, for its close and its consequences: no names (the close of 500
   * subjects read each cadre's row for a name it never used; bench `vote-tally`).
   */
  async subjects(sessionId: string): Promise<VoteSubjectPlace[]> {
    return this.tx.query(`SELECT position, cadre_id AS "cadreId", post FROM vote_subject WHERE session_id = $1 ORDER BY position`, [
      sessionId,
    ]);
  }

  /** The subjects of several sessions in one read (a page of sessions), in ballot order, by session. */
  async subjectsOf(sessionIds: readonly string[]): Promise<Map<string, VoteSubjectRow[]>> {
    const rows: (VoteSubjectRow & { sessionId: string })[] = await this.tx.query(
      `SELECT vs.session_id AS "sessionId", vs.position, vs.cadre_id AS "cadreId", cd.full_name AS "fullName", vs.post
         FROM vote_subject vs JOIN cadre cd ON cd.id = vs.cadre_id WHERE vs.session_id = ANY($1) ORDER BY vs.session_id, vs.position`,
      [sessionIds],
    );
    return groupBySession(rows);
  }

  /** The stored results of several sessions in one read, by session. */
  async resultsOf(sessionIds: readonly string[]): Promise<Map<string, VoteResultRow[]>> {
    const rows: (VoteResultRow & { sessionId: string })[] = await this.tx.query(
      `SELECT session_id AS "sessionId", position, cadre_id AS "cadreId", high, confidence, low, low_share_of_returned AS "lowShareOfReturned",
              low_share_of_convened AS "lowShareOfConvened", outcome, rule_id AS "ruleId"
         FROM vote_result WHERE session_id = ANY($1) ORDER BY session_id, position`,
      [sessionIds],
    );
    return groupBySession(rows);
  }

  /**
   * Each cadre's result in the latest closed session that voted on it and closed on or before `on`
   * (the caller's scope: row-level security keeps sessions out of reach out of the result).
   */
  async latestResults(cadreIds: readonly string[], on: string): Promise<CadreVoteOutcomeRow[]> {
    return this.tx.query(
      `SELECT DISTINCT ON (r.cadre_id) r.cadre_id AS "cadreId", r.session_id AS "sessionId", s.committee_id AS "committeeId",
              to_char(s.closed_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS "closedOn", r.outcome,
              r.low, s.returned, r.low_share_of_returned::float8 AS "lowShareOfReturned", r.rule_id AS "ruleId"
         FROM vote_result r JOIN vote_session s ON s.id = r.session_id
        WHERE r.cadre_id = ANY($1::uuid[]) AND s.state = 'closed' AND s.closed_at < ($2::date + 1) AT TIME ZONE 'Asia/Ho_Chi_Minh'
        ORDER BY r.cadre_id, s.closed_at DESC, s.id`,
      [cadreIds, on],
    );
  }

  async add(
    session: Pick<VoteSession, 'committeeId' | 'title' | 'mode' | 'convened' | 'opensAt' | 'closesAt' | 'publicKey' | 'createdBy'>,
    subjects: readonly { cadreId: string; post: string }[],
    voterIds: readonly string[],
  ): Promise<string> {
    const { identifiers } = await this.tx.getRepository(VoteSession).insert({ ...session, state: 'scheduled' });
    const id = identifiers[0].id as string;
    await this.tx.query(
      `INSERT INTO vote_subject (session_id, position, cadre_id, post)
       SELECT $1, u.position, u.cadre_id, u.post FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS u(cadre_id, post, position)`,
      [id, subjects.map((s) => s.cadreId), subjects.map((s) => s.post)],
    );
    await this.tx.query(`INSERT INTO vote_voter (session_id, user_id) SELECT $1, unnest($2::uuid[])`, [id, voterIds]);
    return id;
  }

  /**
   * Marks the voter's ballot issued, once: true the first time, false when it already was (or the
   * account is not on the list). Only a flag changes; no time is written (README, "Ballot secrecy").
   */
  async issueBallot(sessionId: string, userId: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.tx.query(
      `UPDATE vote_voter SET ballot_issued = true WHERE session_id = $1 AND user_id = $2 AND NOT ballot_issued RETURNING 1`,
      [sessionId, userId],
    );
    return rows.length === 1;
  }

  async isOnVoterList(sessionId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.query(`SELECT 1 FROM vote_voter WHERE session_id = $1 AND user_id = $2`, [sessionId, userId]);
    return rows.length === 1;
  }

  async update(
    id: string,
    changes: Partial<
      Pick<
        VoteSession,
        'state' | 'convened' | 'present' | 'returned' | 'valid' | 'spoiled' | 'countingRecord' | 'voidReason' | 'cancelReason'
      >
    > & {
      closedNow?: boolean;
    },
  ): Promise<void> {
    const { closedNow, ...rest } = changes;
    await this.tx.getRepository(VoteSession).update({ id }, { ...rest, ...(closedNow ? { closedAt: () => 'now()' } : {}) } as never);
  }

  async storeResults(sessionId: string, results: readonly (SubjectResult & { cadreId: string })[], ruleId: string): Promise<void> {
    await this.tx.query(
      `INSERT INTO vote_result (session_id, position, cadre_id, high, confidence, low, low_share_of_returned, low_share_of_convened, outcome, rule_id)
       SELECT $1, u.* , $10 FROM unnest($2::int[], $3::uuid[], $4::int[], $5::int[], $6::int[], $7::numeric[], $8::numeric[], $9::text[]) AS u`,
      [
        sessionId,
        results.map((r) => r.position),
        results.map((r) => r.cadreId),
        results.map((r) => r.high),
        results.map((r) => r.confidence),
        results.map((r) => r.low),
        results.map((r) => r.lowShareOfReturned),
        results.map((r) => r.lowShareOfConvened),
        results.map((r) => r.outcome),
        ruleId,
      ],
    );
  }

  /**
   * Scheduled electronic sessions due to close at `now` (their time has come, or every voter has voted):
   * the system's read. A paper session waits for its counting record, however late.
   */
  async dueToClose(now: Date): Promise<string[]> {
    const rows: { id: string }[] = await this.tx.query(
      `SELECT s.id FROM vote_session s
        WHERE s.state = 'scheduled' AND s.mode = 'electronic'
          AND (s.closes_at <= $1
               -- Every voter on the list has voted (a list with nobody on it has not "all voted": it waits for its time).
               OR (s.opens_at <= $1
                   AND EXISTS (SELECT 1 FROM vote_voter v WHERE v.session_id = s.id)
                   AND (SELECT count(*) FROM ballot b WHERE b.session_id = s.id) = (SELECT count(*) FROM vote_voter v WHERE v.session_id = s.id)))
        ORDER BY s.closes_at, s.id`,
      [now],
    );
    return rows.map((r) => r.id);
  }
}
