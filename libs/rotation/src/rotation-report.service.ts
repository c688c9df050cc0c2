import { Injectable } from '@nestjs/common';
import { accessibleBy, currentActor } from '@canbo/access';
import { CommitteesService, REPORT_LEVELS } from '@canbo/committees';
import { Figures, ValidationProblem } from '@canbo/platform';
import { rotationFigures } from './rotation-figures';
import { ROTATION_TYPES } from './rotation-checks';
import { ROTATION_STATES } from './rotation-transitions';
import { ROTATION_DIRECTIONS } from './rotation.dto';
import { RotationReportQuery, RotationReportView } from './rotation-report.dto';
import { RotationReportRepository, RotationReportRow } from './rotation-report.repository';
import { ROTATION_COLUMNS } from './rotation.repository';

/** Counts of one dimension's groups, every known value listed (zeros included), any other found after them. */
function countsBy<K extends 'direction' | 'type' | 'level' | 'state'>(
  rows: readonly RotationReportRow[],
  key: K,
  known: readonly string[],
): { value: string; count: number }[] {
  const found = new Map(rows.filter((r) => r[key] !== null).map((r) => [r[key] as string, r.count]));
  const values = [...known, ...[...found.keys()].filter((v) => !known.includes(v))];
  return values.map((value) => ({ value, count: found.get(value) ?? 0 }));
}

/** Rotation figures (luân chuyển) over any subtree the caller sees: who may read rotations may count them. */
@Injectable()
export class RotationReportService {
  constructor(
    private readonly report: RotationReportRepository,
    private readonly committees: CommitteesService,
  ) {}

  async figures(query: RotationReportQuery): Promise<RotationReportView> {
    if (query.to < query.from) throw new ValidationProblem([{ field: 'to', message: 'to must not be before from' }]);
    const range = await this.committees.rangeOf(query);
    const rows = await this.report.figures(
      accessibleBy(currentActor().ability, 'read', 'Rotation', ROTATION_COLUMNS),
      range,
      query.from,
      query.to,
    );
    const total = rows.find((r) => r.direction === null && r.type === null && r.level === null && r.state === null)?.count ?? 0;
    return {
      from: query.from,
      to: query.to,
      committeeId: query.committeeId ?? null,
      subtree: query.committeeId ? query.subtree !== false : true,
      total,
      byDirection: countsBy(rows, 'direction', ROTATION_DIRECTIONS).map(({ value, count }) => ({
        direction: value as (typeof ROTATION_DIRECTIONS)[number],
        count,
      })),
      byType: countsBy(rows, 'type', ROTATION_TYPES).map(({ value, count }) => ({ type: value as (typeof ROTATION_TYPES)[number], count })),
      byLevel: countsBy(rows, 'level', REPORT_LEVELS).map(({ value, count }) => ({ level: value, count })),
      byState: countsBy(rows, 'state', ROTATION_STATES).map(({ value, count }) => ({
        state: value as (typeof ROTATION_STATES)[number],
        count,
      })),
    };
  }

  /** The same figures as a sheet (the screen's tables). */
  async figuresSheet(query: RotationReportQuery): Promise<Figures> {
    const view = await this.figures(query);
    const committee = query.committeeId ? ((await this.committees.ref(query.committeeId))?.name ?? null) : null;
    return rotationFigures(view, await this.committees.levels(), committee);
  }
}
