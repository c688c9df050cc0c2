import { Injectable } from '@nestjs/common';
import { CadreTallies } from '@canbo/cadres';
import { CommitteesService } from '@canbo/committees';
import { Figures } from '@canbo/platform';
import { CadreRollupView, RollupQuery } from './reports.dto';
import { rollupFigures } from './rollup-figures';

/**
 * Oversight roll-ups down any subtree (product.md, module 9). Reports own no tables: the figures come
 * from the running tallies, read through the cadres lib's exported service.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly tallies: CadreTallies,
    private readonly committees: CommitteesService,
  ) {}

  /** Current cadres by committee level, gender and age band: the structure table of HD 11-HD/BTCTW. */
  async cadresByLevelGenderAge(query: RollupQuery): Promise<CadreRollupView> {
    // By default the committee's whole subtree: a structure table covers everything below the committee it is for.
    const rows = await this.tallies.byLevelGenderAge({ committeeId: query.committeeId, subtree: query.subtree });
    return { asOf: new Date().toISOString().slice(0, 10), total: rows.reduce((sum, r) => sum + r.count, 0), rows };
  }

  /** The same figures as a sheet (the screen's table). */
  async cadresByLevelGenderAgeFigures(query: RollupQuery): Promise<Figures> {
    const view = await this.cadresByLevelGenderAge(query);
    const committee = query.committeeId ? ((await this.committees.ref(query.committeeId))?.name ?? null) : null;
    return rollupFigures(view, await this.committees.levels(), { committee, subtree: query.subtree !== false });
  }
}
