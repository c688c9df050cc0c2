import { Injectable } from '@nestjs/common';
import { accessibleBy, currentActor } from '@canbo/access';
import { CommitteesService, REPORT_LEVELS } from '@canbo/committees';
import { ValidationProblem } from '@canbo/platform';
import { OUTCOMES } from './tally';
import { VOTE_MODES } from './vote-transitions';
import { FINISHED_STATES, VoteOutcomesQuery, VoteOutcomesView, VoteResultFiguresView } from './vote-report.dto';
import { VoteReportRepository, VoteReportRow } from './vote-report.repository';
import { VOTE_SESSION_COLUMNS } from './votes.repository';

type Dimension = 'state' | 'mode' | 'level';

/** The group of one dimension's value (the other dimensions null), or the total with `value` null. */
const groupOf = (rows: readonly VoteReportRow[], key: Dimension | null, value: string | null): VoteReportRow | undefined =>
  rows.find((r) => (['state', 'mode', 'level'] as const).every((d) => r[d] === (d === key ? value : null)));

/** Every known value of a dimension (zeros included), then any other found, by the order the rows came in. */
const valuesOf = (rows: readonly VoteReportRow[], key: Dimension, known: readonly string[]): string[] => [
  ...known,
  ...rows.map((r) => r[key]).filter((v): v is string => v !== null && !known.includes(v)),
];

const resultsOf = (row: VoteReportRow | undefined): VoteResultFiguresView => ({
  sessions: row?.resultSessions ?? 0,
  withheld: (row?.closed ?? 0) - (row?.resultSessions ?? 0),
  byOutcome: OUTCOMES.map((outcome) => ({
    outcome,
    count: row ? { none: row.none, 'low-majority': row.lowMajority, 'low-two-thirds': row.lowTwoThirds }[outcome] : 0,
  })),
});

/**
 * Confidence-vote figures (thống kê lấy phiếu tín nhiệm) over any subtree the caller sees: who may
 * read sessions may count them, their subjects, states and modes (public fields). The outcomes are a
 * restricted field, and an aggregate can give one away: a count of "low-two-thirds" over a committee
 * that voted on one subject is that subject's result. Rather than suppress small cells (which would
 * blank the figures of every small committee, and still leak through differences between two
 * filters), the outcomes count only the results the caller may read on the sessions themselves — per
 * session, by the same rule as VotesService.view — and say how many closed sessions were withheld. So
 * no figure tells a caller anything it could not read one session at a time (README, "Vote figures").
 */
@Injectable()
export class VoteReportService {
  constructor(
    private readonly report: VoteReportRepository,
    private readonly committees: CommitteesService,
  ) {}

  async figures(query: VoteOutcomesQuery): Promise<VoteOutcomesView> {
    if (query.to < query.from) throw new ValidationProblem([{ field: 'to', message: 'to must not be before from' }]);
    const range = await this.committees.rangeOf(query);
    const { ability } = currentActor();
    const rows = await this.report.figures(
      accessibleBy(ability, 'read', 'VoteSession', VOTE_SESSION_COLUMNS),
      accessibleBy(ability, 'read', 'VoteSession', VOTE_SESSION_COLUMNS, { field: 'results', prefix: 'results' }),
      range,
      query.from,
      query.to,
    );
    const total = groupOf(rows, null, null);
    const counts = (key: Dimension, value: string) => {
      const row = groupOf(rows, key, value);
      return { sessions: row?.sessions ?? 0, subjects: row?.subjects ?? 0 };
    };
    return {
      from: query.from,
      to: query.to,
      committeeId: query.committeeId ?? null,
      subtree: query.committeeId ? query.subtree !== false : true,
      sessions: total?.sessions ?? 0,
      subjects: total?.subjects ?? 0,
      byState: FINISHED_STATES.map((state) => ({ state, ...counts('state', state) })),
      byMode: VOTE_MODES.map((mode) => ({ mode, ...counts('mode', mode) })),
      byLevel: valuesOf(rows, 'level', REPORT_LEVELS).map((level) => ({
        level,
        ...counts('level', level),
        results: resultsOf(groupOf(rows, 'level', level)),
      })),
      results: resultsOf(total),
    };
  }
}
