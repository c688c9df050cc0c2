import { Injectable, Logger } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { subject as asSubject } from '@casl/ability';
import {
  SqlScope,
  UNSCOPED_SYSTEM,
  VOTE_SESSION_PUBLIC_FIELDS,
  VOTE_SESSION_RESTRICTED_FIELDS,
  accessibleBy,
  currentActor,
  ensureCan,
  permittedFields,
} from '@canbo/access';
import { AuditService } from '@canbo/audit';
import { CadrePlanningFactsRow, CadresService } from '@canbo/cadres';
import { DeadlinesService } from '@canbo/deadlines';
import { NotificationsService } from '@canbo/notifications';
import { CommitteesService } from '@canbo/committees';
import { ROLE_HOLDER_COLUMNS, RoleHoldersService } from '@canbo/identity';
import {
  ConflictProblem,
  Jobs,
  NotFoundProblem,
  Outbox,
  Page,
  groupBy,
  ValidationProblem,
  VersionConflictProblem,
  decodeCursor,
  toPage,
} from '@canbo/platform';
import { RulebookService, viDate, viPercent } from '@canbo/rulebook';
import { ballotReceipt, blindSign, isBlindedMessage, isSignedToken, sessionKeys, tokenHash } from './ballot-box';
import { BallotBoxRepository } from './ballot-box.repository';
import { paperCountErrors } from './paper-count';
import { Outcome, SessionCount, SubjectResult, ratingCode, tally } from './tally';
import {
  BallotReceiptView,
  CancelVoteSessionDto,
  CastBallotDto,
  CreateVoteSessionDto,
  IssueBallotDto,
  IssuedBallotView,
  PaperCountDto,
  ReceiptsView,
  VoteSessionQuery,
  VoteSessionView,
  VoterSessionView,
} from './votes.dto';
import {
  CadreVoteOutcomeRow as CadreVoteOutcome,
  VOTER_COLUMNS,
  VOTE_SESSION_COLUMNS,
  VoteSessionRow,
  VoteSubjectPlace,
  VoteSubjectRow,
  VotesRepository,
  VoteResultRow,
} from './votes.repository';
import { canHappen, isTakingBallots } from './vote-transitions';

const SUBJECT_TYPE = 'VoteSession';
/** The deadline a low outcome opens at the cadre's managing committee (migration 1765800000000). */
const FOLLOW_UP_KIND = 'confidence-vote-follow-up';
/**
 * Days the managing committee has to consider a low outcome. QĐ 96 names no period (UNVERIFIED): a
 * month is the product's default, like the other follow-ups the boards can re-date.
 */
const FOLLOW_UP_DAYS = 30;
const NOTIFIED_ROLE = 'admin';
/** The mid-term vote's reminder ("Lấy phiếu tín nhiệm giữa nhiệm kỳ", migration 1764400000000). */
const MID_TERM_KIND = 'confidence-vote';
/** What QĐ 96 Art. 11 (and QĐ 41 / 377) asks the managing committee to consider for each outcome. */
const CONSEQUENCES: Record<Outcome, string> = {
  none: '',
  'low-majority': 'trên 50% phiếu tín nhiệm thấp: đưa ra khỏi quy hoạch chức vụ cao hơn, xem xét cho thôi giữ chức vụ',
  'low-two-thirds': 'từ 2/3 phiếu tín nhiệm thấp trở lên: xem xét miễn nhiệm, cho thôi giữ chức vụ',
};

const vnDate = (d: Date): string => d.toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const readable = (): SqlScope => accessibleBy(currentActor().ability, 'read', 'VoteSession', VOTE_SESSION_COLUMNS);
const ownBallots = (): SqlScope => accessibleBy(currentActor().ability, 'read', 'Ballot', VOTER_COLUMNS);
const asSession = (r: { committeeId: string; committeePre: string | number }) =>
  asSubject('VoteSession', { committeeId: r.committeeId, committeePre: Number(r.committeePre) });

const base64 = (b: Buffer | null): string | null => b?.toString('base64') ?? null;

/**
 * Confidence votes (lấy phiếu tín nhiệm, domain.md §6): a committee's board sets a session up, each
 * voter on its list receives one ballot and casts it, the worker closes the session and tallies. The
 * secrecy of the ballot rests on three things (README, "Ballot secrecy"): the ballot is admitted by a
 * blind signature, so what the server keeps when it issues a ballot cannot be matched with the ballot;
 * casting is a separate request that names no one and is neither logged nor audited one by one; and
 * at the close the key is destroyed and the box rewritten in receipt order.
 */
@Injectable()
export class VotesService {
  private readonly logger = new Logger(VotesService.name);

  constructor(
    private readonly sessions: VotesRepository,
    private readonly box: BallotBoxRepository,
    private readonly committees: CommitteesService,
    private readonly cadres: CadresService,
    private readonly roleHolders: RoleHoldersService,
    private readonly rulebook: RulebookService,
    private readonly audit: AuditService,
    private readonly deadlines: DeadlinesService,
    private readonly notifications: NotificationsService,
    private readonly outbox: Outbox,
  ) {}

  private async row(id: string, lock = false): Promise<VoteSessionRow> {
    const row = await this.sessions.find(readable(), id, { lock });
    ensureCan('read', 'VoteSession', row && asSession(row), 'Vote session');
    return row as VoteSessionRow;
  }

  /** The views of sessions already read, their subjects and (for those who may read them) results in one read each. */
  private async views(rows: readonly VoteSessionRow[]): Promise<VoteSessionView[]> {
    const ids = rows.map((r) => r.id);
    const [subjects, results] = await Promise.all([this.sessions.subjectsOf(ids), this.sessions.resultsOf(ids)]);
    return rows.map((row) => this.view(row, subjects.get(row.id) ?? [], results.get(row.id) ?? []));
  }

  private async viewOf(row: VoteSessionRow): Promise<VoteSessionView> {
    const [view] = await this.views([row]);
    return view;
  }

  private view(row: VoteSessionRow, subjects: VoteSubjectRow[], results: VoteResultRow[]): VoteSessionView {
    const mayReadResults = permittedFields(
      'read',
      'VoteSession',
      { committeeId: row.committeeId, committeePre: Number(row.committeePre) },
      [...VOTE_SESSION_PUBLIC_FIELDS, ...VOTE_SESSION_RESTRICTED_FIELDS],
    ).has('results');
    const closed = row.state === 'closed';
    return {
      id: row.id,
      committeeId: row.committeeId,
      committeeCode: row.committeeCode,
      title: row.title,
      mode: row.mode,
      convened: row.convened,
      opensAt: row.opensAt.toISOString(),
      closesAt: row.closesAt.toISOString(),
      state: row.state,
      publicKey: base64(row.publicKey),
      voters: row.voters,
      ballotsIssued: row.ballotsIssued,
      present: row.present,
      returned: row.returned,
      subjects,
      ...(mayReadResults
        ? {
            voidReason: row.voidReason,
            results: closed
              ? results.map((r) => ({
                  ...r,
                  lowShareOfReturned: r.lowShareOfReturned === null ? null : Number(r.lowShareOfReturned),
                  lowShareOfConvened: Number(r.lowShareOfConvened),
                }))
              : [],
          }
        : {}),
      closedAt: row.closedAt?.toISOString() ?? null,
      cancelReason: row.cancelReason,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
    };
  }

  async get(id: string): Promise<VoteSessionView> {
    return this.viewOf(await this.row(id));
  }

  async list(query: VoteSessionQuery): Promise<Page<VoteSessionView>> {
    const range = await this.committees.rangeOf(query);
    const after = query.cursor ? (decodeCursor(query.cursor, ['timestamp', 'uuid']).map(String) as [string, string]) : undefined;
    const rows = await this.sessions.list(readable(), { range, state: query.state, after, limit: query.limit });
    const page = toPage(
      rows,
      query.limit,
      (r) => [r.opensAt.toISOString(), r.id],
      (r) => r,
    );
    return { ...page, items: await this.views(page.items) };
  }

  @Transactional()
  async create(dto: CreateVoteSessionDto): Promise<VoteSessionView> {
    const committee = await this.committees.visibleRef(dto.committeeId);
    ensureCan('create', 'VoteSession', asSession({ committeeId: committee.id, committeePre: committee.pre }), 'Vote session');
    if (committee.status !== 'active') throw new ConflictProblem('committee-dissolved', `${committee.code} is dissolved`);
    const opensAt = new Date(dto.opensAt);
    const closesAt = new Date(dto.closesAt);
    if (closesAt <= opensAt) throw new ValidationProblem([{ field: 'closesAt', message: 'closesAt must be after opensAt' }]);

    const cadreIds = dto.subjects.map((s) => s.cadreId);
    if (new Set(cadreIds).size !== cadreIds.length)
      throw new ValidationProblem([{ field: 'subjects', message: 'a cadre is voted on once per session' }]);
    const found = new Set((await this.cadres.planningFacts(cadreIds)).map((c) => c.id));
    const missing = cadreIds.findIndex((id) => !found.has(id));
    if (missing >= 0) throw new ValidationProblem([{ field: `subjects.${missing}.cadreId`, message: 'no such cadre file you may read' }]);

    let voterIds: string[] = [];
    if (dto.mode === 'electronic') {
      const holders = await this.roleHolders.holdersAt(
        accessibleBy(currentActor().ability, 'read', 'RoleAssignment', ROLE_HOLDER_COLUMNS),
        [committee.id],
      );
      const eligible = new Set(holders.of(committee.id, 'voter'));
      voterIds = dto.voterIds ?? [...eligible];
      const stranger = voterIds.findIndex((v) => !eligible.has(v));
      if (stranger >= 0) throw new ValidationProblem([{ field: `voterIds.${stranger}`, message: `not a voter at ${committee.code}` }]);
      if (voterIds.length === 0)
        throw new ValidationProblem([{ field: 'voterIds', message: `nobody holds the voter role at ${committee.code}` }]);
      if (voterIds.length > dto.convened)
        throw new ValidationProblem([{ field: 'convened', message: `convened must count every voter on the list (${voterIds.length})` }]);
    } else if (dto.voterIds) {
      throw new ValidationProblem([
        { field: 'voterIds', message: 'a paper session has no voter list: the counting board enters its record' },
      ]);
    }

    const keys = dto.mode === 'electronic' ? await sessionKeys() : null;
    const id = await this.sessions.add(
      {
        committeeId: committee.id,
        title: dto.title,
        mode: dto.mode,
        convened: dto.convened,
        opensAt,
        closesAt,
        publicKey: keys?.publicKey ?? null,
        createdBy: currentActor().userId,
      },
      dto.subjects,
      voterIds,
    );
    if (keys) await this.box.storeKey(id, keys.privateKey);
    const created = await this.viewOf((await this.sessions.find(readable(), id)) as VoteSessionRow);
    await this.audit.record({
      committeeId: committee.id,
      entityType: SUBJECT_TYPE,
      entityId: id,
      action: 'create',
      changes: { after: { ...created, publicKey: undefined, voterIds } },
    });
    return created;
  }

  @Transactional()
  async cancel(id: string, dto: CancelVoteSessionDto): Promise<VoteSessionView> {
    const row = await this.row(id, true);
    ensureCan('cancel', 'VoteSession', asSession(row), 'Vote session');
    if (row.version !== dto.version) throw new VersionConflictProblem('Vote session', row.version);
    if (!canHappen('cancel', row.state)) throw new ConflictProblem('vote-session-state', `A ${row.state} session cannot be cancelled`);
    await this.sessions.update(id, { state: 'cancelled', cancelReason: dto.reason });
    await this.box.seal(id);
    const after = await this.viewOf(await this.row(id));
    await this.audit.record({
      committeeId: row.committeeId,
      entityType: SUBJECT_TYPE,
      entityId: id,
      action: 'cancel',
      changes: { before: { state: row.state }, after: { state: after.state, cancelReason: dto.reason } },
    });
    return after;
  }

  /** The voter's sessions: those open now, and those closed, for checking the receipt. */
  async mine(): Promise<VoterSessionView[]> {
    const rows = (await this.sessions.ofVoter(ownBallots(), ['scheduled', 'closed', 'void'])).filter((r) => r.mode === 'electronic');
    const subjects = await this.sessions.subjectsOf(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      committeeName: r.committeeName,
      opensAt: r.opensAt.toISOString(),
      closesAt: r.closesAt.toISOString(),
      state: r.state,
      publicKey: base64(r.publicKey) as string,
      ballotIssued: r.ballotIssued,
      subjects: subjects.get(r.id) ?? [],
    }));
  }

  /**
   * A voter's own session (404 for anyone not on its list: a voter reads nothing else). The list, not the
   * caller's scope, decides: a voter's scope is its committee, and the list is a subset of it.
   */
  private async voterSession(id: string, lock = false): Promise<VoteSessionRow> {
    const userId = currentActor().userId;
    const row = await this.sessions.find(UNSCOPED_SYSTEM, id, { lock });
    if (!row || !(await this.sessions.isOnVoterList(id, userId))) throw new NotFoundProblem('Vote session');
    return row;
  }

  /**
   * Issues the voter's ballot: signs its blinded token, once. The sign-in sheet records that this voter
   * received a ballot (audited, as a signature on the paper list would be); what was signed cannot be
   * recognised when the ballot comes back.
   */
  @Transactional()
  async issueBallot(id: string, dto: IssueBallotDto): Promise<IssuedBallotView> {
    const row = await this.voterSession(id, true);
    if (row.mode !== 'electronic' || !isTakingBallots(row, new Date()))
      throw new ConflictProblem('vote-session-not-open', 'This session is not taking ballots now');
    const blinded = Buffer.from(dto.blindedMessage, 'base64');
    if (!isBlindedMessage(blinded, row.publicKey as Buffer))
      throw new ValidationProblem([{ field: 'blindedMessage', message: "blindedMessage is not a blinded token for this session's key" }]);
    if (!(await this.sessions.issueBallot(id, currentActor().userId)))
      throw new ConflictProblem('ballot-already-issued', 'You have already received your ballot in this session');
    const privateKey = await this.box.privateKey(id);
    if (!privateKey) throw new ConflictProblem('vote-session-not-open', 'This session is not taking ballots now');
    await this.audit.record({ committeeId: row.committeeId, entityType: SUBJECT_TYPE, entityId: id, action: 'issue-ballot', changes: {} });
    return { blindSignature: blindSign(privateKey, row.publicKey as Buffer, blinded).toString('base64') };
  }

  /**
   * Casts a ballot: anyone holding a token this session signed, once per token. The request names no
   * one (no account, and the route is not logged); the ballot is not audited one by one — the close
   * records how many were cast and a digest of their receipts — because an audit event's time and place
   * in its chain would be the link this design removes.
   */
  @Transactional()
  async castBallot(id: string, dto: CastBallotDto): Promise<BallotReceiptView> {
    // The system's read: the request names no one (the controller runs it in the system's context).
    const row = await this.sessions.find(UNSCOPED_SYSTEM, id);
    if (!row) throw new NotFoundProblem('Vote session');
    if (row.mode !== 'electronic') throw new ConflictProblem('vote-session-paper', 'A paper session takes no electronic ballots');
    if (!isTakingBallots(row, new Date())) throw new ConflictProblem('vote-session-not-open', 'This session is not taking ballots now');
    const subjects = await this.sessions.subjectCount(id);
    if (dto.ratings.length !== subjects)
      throw new ValidationProblem([{ field: 'ratings', message: `ratings must hold one rating for each of the ${subjects} subjects` }]);
    const token = Buffer.from(dto.token, 'base64');
    if (!isSignedToken(row.publicKey as Buffer, token, Buffer.from(dto.signature, 'base64')))
      throw new ValidationProblem([{ field: 'signature', message: 'signature does not admit this token to this session' }]);
    const ratings = dto.ratings.map(ratingCode);
    const receipt = ballotReceipt(id, token, ratings);
    if (!(await this.box.cast(id, { receipt, tokenHash: tokenHash(token), ratings })))
      throw new ConflictProblem('ballot-already-cast', 'This ballot has already been cast');
    return { receipt: receipt.toString('hex') };
  }

  /** Every counted receipt, for a voter on the list to find its own; nothing before the count. */
  async receipts(id: string): Promise<ReceiptsView> {
    const row = await this.voterSession(id);
    return { state: row.state, receipts: row.state === 'closed' ? await this.box.receipts(id) : [] };
  }

  /**
   * Closes an electronic session whose time has come (the worker; idempotent: a closed session is left
   * alone): counts the box, then settles it. A paper session is closed by its counting record instead.
   */
  @Transactional()
  async close(id: string, now: Date): Promise<'closed' | 'void' | 'skipped'> {
    const row = await this.sessions.find(UNSCOPED_SYSTEM, id, { lock: true });
    if (!row || row.mode !== 'electronic' || !canHappen('close', row.state)) return 'skipped';
    const subjects = await this.sessions.subjects(id);
    const count = { convened: row.convened, ...(await this.box.count(id, subjects.length)), present: row.ballotsIssued };
    return this.settle(row, subjects, count, now, { actorId: null });
  }

  /**
   * A paper session's counting record (biên bản kiểm phiếu), entered by the committee's admin as the
   * counting board signed it: checked to add up, kept, and the session closed by the same tally, the
   * same thresholds and the same consequences as an electronic one.
   */
  @Transactional()
  async paperCount(id: string, dto: PaperCountDto): Promise<VoteSessionView> {
    const row = await this.row(id, true);
    ensureCan('count', 'VoteSession', asSession(row), 'Vote session');
    if (row.version !== dto.version) throw new VersionConflictProblem('Vote session', row.version);
    if (row.mode !== 'paper')
      throw new ConflictProblem('vote-session-electronic', 'An electronic session is counted from its ballot box, not entered');
    if (!canHappen('close', row.state)) throw new ConflictProblem('vote-session-state', `A ${row.state} session cannot be counted`);
    const now = new Date();
    if (row.opensAt > now) throw new ConflictProblem('vote-session-not-held', 'The conference has not been held yet');
    const subjects = await this.sessions.subjects(id);
    const errors = paperCountErrors(dto, subjects.length);
    if (errors.length > 0) throw new ValidationProblem(errors);
    const record = { issued: dto.issued, signedBy: dto.signedBy };
    await this.sessions.update(id, { convened: dto.convened, valid: dto.valid, spoiled: dto.spoiled, countingRecord: record });
    await this.audit.record({
      committeeId: row.committeeId,
      entityType: SUBJECT_TYPE,
      entityId: id,
      action: 'count',
      changes: {
        before: { convened: row.convened },
        after: { convened: dto.convened, present: dto.present, returned: dto.returned, valid: dto.valid, spoiled: dto.spoiled, ...record },
      },
    });
    const counts = [...dto.subjects]
      .sort((a, b) => a.position - b.position)
      .map(({ position, high, confidence, low }) => ({ position, high, confidence, low }));
    await this.settle({ ...row, convened: dto.convened }, subjects, { ...dto, subjects: counts }, now, {});
    return this.viewOf(await this.row(id));
  }

  /**
   * The close, whichever way the ballots were counted: checks quorum and publication, applies QĐ 96's
   * thresholds under the rules in force on the closing day, stores the results, destroys the key and
   * reseals the box — in the caller's transaction.
   */
  private async settle(
    row: VoteSessionRow,
    subjects: readonly VoteSubjectPlace[],
    count: SessionCount,
    now: Date,
    closing: { actorId?: null },
  ): Promise<'closed' | 'void'> {
    const rules = await this.rulebook.rulesOn(now.toISOString().slice(0, 10));
    const result = tally(count, rules);
    const results = result.valid ? result.results.map((r) => ({ ...r, cadreId: subjects[r.position - 1].cadreId })) : [];
    if (result.valid) await this.sessions.storeResults(row.id, results, result.thresholdRuleId);
    await this.sessions.update(row.id, {
      state: result.valid ? 'closed' : 'void',
      present: count.present,
      returned: count.returned,
      voidReason: result.valid ? null : result.reason,
      closedNow: true,
    });
    // The box as counted and sealed: anyone holding the receipts can check this digest against the list.
    const receiptsDigest = await this.box.seal(row.id);
    await this.audit.record({
      committeeId: row.committeeId,
      entityType: SUBJECT_TYPE,
      entityId: row.id,
      action: 'close',
      ...(closing.actorId === null ? { actorId: null } : {}),
      changes: {
        before: { state: row.state },
        after: { state: result.valid ? 'closed' : 'void', present: count.present, returned: count.returned },
        ...(row.mode === 'electronic' ? { receiptsDigest } : {}),
      },
    });
    // The consequences reach other committees (their deadlines, their admins' inboxes), which a board
    // counting on paper may not write to: however the session was counted, the close hands them to the
    // worker's own job in its transaction (exactly once if it commits, never if it rolls back), so the
    // close itself stays the count, the thresholds and the results.
    if (results.some((r) => r.outcome !== 'none'))
      await this.outbox.addMany(Jobs.voteFollowUp, [{ key: row.id, payload: { sessionId: row.id } }]);
    // The mid-term vote is held (domain.md §6: in the third year of the term): the reminder the board
    // above set for it (kind `confidence-vote`, usually by batch for every committee below) is met.
    if (result.valid) await this.deadlines.meetKindAt(row.committeeId, MID_TERM_KIND);
    this.logger.log(`vote session ${row.id} ${result.valid ? 'closed' : 'void'}: ${count.returned} ballot(s)`);
    return result.valid ? 'closed' : 'void';
  }

  /**
   * What a low outcome sets off (product.md module 7, "records the consequences and tells the competent
   * level"): the managing committee of each cadre concerned gets one follow-up deadline for the session
   * and its admins a notice naming the cadres and what QĐ 96 asks of them. The deadline's title names
   * no one — deadlines are read more widely than the results, which stay restricted — while the notice
   * goes to the managing committee's admins only, who may read them. Part of the close's transaction.
   */
  private async followUp(
    row: VoteSessionRow,
    subjects: readonly VoteSubjectPlace[],
    results: readonly (SubjectResult & { cadreId: string })[],
    closedOn: string,
  ): Promise<void> {
    const affected = results.filter((r) => r.outcome !== 'none');
    if (affected.length === 0) return;
    const cadres = new Map(
      (
        await this.cadres.planningFacts(
          affected.map((r) => r.cadreId),
          UNSCOPED_SYSTEM,
        )
      ).map((c) => [c.id, c]),
    );
    const byCommittee = groupBy(
      affected.filter((r) => cadres.has(r.cadreId)),
      (r) => (cadres.get(r.cadreId) as CadrePlanningFactsRow).managingCommitteeId,
    );
    const dueOn = addDays(closedOn, FOLLOW_UP_DAYS);
    const title = `Xem xét kết quả lấy phiếu tín nhiệm: ${row.title} (${row.committeeName})`.slice(0, 300);
    await this.deadlines.openForMany(
      [...byCommittee.keys()].map((committeeId) => ({
        committeeId,
        kind: FOLLOW_UP_KIND,
        title,
        dueOn,
        subjectType: SUBJECT_TYPE,
        subjectId: row.id,
        setByCommitteeId: row.committeeId,
      })),
    );
    const holders = await this.roleHolders.holdersAt(UNSCOPED_SYSTEM, [...byCommittee.keys()]);
    await this.notifications.notify(
      [...byCommittee].flatMap(([committeeId, low]) => {
        const lines = low.map((r) => {
          const share = r.lowShareOfReturned === null ? '' : ` (${viPercent(r.lowShareOfReturned)} phiếu thu về)`;
          return `${cadres.get(r.cadreId)?.fullName}, ${subjects[r.position - 1].post}: ${r.low} phiếu tín nhiệm thấp${share} — ${CONSEQUENCES[r.outcome]}`;
        });
        return holders.of(committeeId, NOTIFIED_ROLE).map((recipientId) => ({
          recipientId,
          committeeId,
          kind: 'vote.low-confidence',
          title: `Kết quả lấy phiếu tín nhiệm thấp: ${low.length} cán bộ thuộc diện quản lý`,
          body: `${row.title} (${row.committeeName}, ${viDate(closedOn)}). ${lines.join('; ')}. Hạn xem xét, xử lý: ${viDate(dueOn)}.`,
          entityType: SUBJECT_TYPE,
          entityId: row.id,
          dedupeKey: `vote-follow-up:${row.id}`,
        }));
      }),
    );
  }

  /**
   * The worker's job after a close (Jobs.voteFollowUp): the follow-up deadlines and notices of a closed
   * session, as system work. Once: a session whose follow-ups exist is left alone.
   */
  @Transactional()
  async followUpClosed(sessionId: string): Promise<boolean> {
    const row = await this.sessions.find(UNSCOPED_SYSTEM, sessionId, { lock: true });
    if (!row || row.state !== 'closed' || !row.closedAt) return false;
    if (await this.deadlines.isOpenedFor(SUBJECT_TYPE, sessionId, FOLLOW_UP_KIND)) return false;
    const [subjects, stored] = await Promise.all([this.sessions.subjects(sessionId), this.sessions.resultsOf([sessionId])]);
    const results = (stored.get(sessionId) ?? []).map((r) => ({
      ...r,
      lowShareOfReturned: r.lowShareOfReturned === null ? null : Number(r.lowShareOfReturned),
      lowShareOfConvened: Number(r.lowShareOfConvened),
    }));
    await this.followUp(row, subjects, results, vnDate(row.closedAt));
    return true;
  }

  /**
   * Each cadre's outcome in the latest session that voted on it and closed on or before `on`, for the
   * planning and appointment checks. Restricted: the caller shows it only to those who may read the
   * cadre's restricted fields (the managing committee's admin/secretary, auditors above).
   */
  async latestOutcomes(cadreIds: readonly string[], on: string): Promise<Map<string, CadreVoteOutcome>> {
    if (cadreIds.length === 0) return new Map();
    return new Map((await this.sessions.latestResults(cadreIds, on)).map((r) => [r.cadreId, r]));
  }

  /** The worker's scan: every session due to close at `now`. */
  async closeDue(now: Date): Promise<{ id: string; outcome: 'closed' | 'void' | 'skipped' }[]> {
    const due = await this.dueToClose(now);
    const done = [];
    for (const id of due) done.push({ id, outcome: await this.close(id, now) });
    return done;
  }

  @Transactional()
  private async dueToClose(now: Date): Promise<string[]> {
    return this.sessions.dueToClose(now);
  }
}
