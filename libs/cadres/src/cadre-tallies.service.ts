import { Injectable } from '@nestjs/common';
import { SqlScope, UntranslatableRuleError, accessibleBy, currentActor } from '@canbo/access';
import { CommitteesService } from '@canbo/committees';
import { CommitteeFilter, ForbiddenProblem } from '@canbo/platform';
import { CadreRollupRow } from './cadre-age-tally.entity';
import { CADRE_TALLY_COLUMNS, ResolvedCadreFilter } from './cadre-queries';
import { CadreRepository, ROLLUP_SCOPE_COLUMNS } from './cadre.repository';
import { CadreTotalsCache } from './cadre-totals.cache';

/** The caller's scope over committee columns, or undefined when it is not a matter of committees alone. */
function committeeScope(columns: Record<string, string>): SqlScope | undefined {
  try {
    return accessibleBy(currentActor().ability, 'read', 'Cadre', columns, { field: 'id' });
  } catch (error) {
    if (error instanceof UntranslatableRuleError) return undefined;
    throw error;
  }
}

/**
 * The running tallies of cadre files (trigger-maintained per committee): totals behind lists and the
 * roll-ups of reports, over the caller's scope. The tallies know committees, not files, so they answer
 * only a scope made of committees (not, say, "files I manage").
 */
@Injectable()
export class CadreTallies {
  constructor(
    private readonly cadres: CadreRepository,
    private readonly totals: CadreTotalsCache,
    private readonly committees: CommitteesService,
  ) {}

  /** Sum of the tallies in the caller's scope, or undefined when the scope is not committees alone (the name search and managing filters are not tallied). */
  async total(filter: Pick<ResolvedCadreFilter, 'committee' | 'gender' | 'status'>): Promise<number | undefined> {
    const scope = committeeScope(CADRE_TALLY_COLUMNS);
    if (!scope) return undefined;
    const tallied = { committee: filter.committee, gender: filter.gender, status: filter.status };
    return this.totals.through(JSON.stringify([scope, tallied]), () => this.cadres.tally(scope, tallied));
  }

  /**
   * Current cadres by the level of the committee they work in, gender and age band, over the caller's
   * scope (optionally one committee's subtree, or with `subtree=false` that committee alone).
   */
  async byLevelGenderAge(filter: CommitteeFilter): Promise<CadreRollupRow[]> {
    const scope = committeeScope(ROLLUP_SCOPE_COLUMNS);
    if (!scope) throw new ForbiddenProblem('Roll-ups need a committee-wide view of the files');
    return this.cadres.rollup(scope, await this.committees.rangeOf(filter));
  }
}
