import { Injectable } from '@nestjs/common';
import { SqlScope, SystemScope, accessibleBy, currentActor } from '@canbo/access';
import { CommitteesService } from '@canbo/committees';
import { AppConfig, Page, toPage } from '@canbo/platform';
import { CadreCountQuery, CadreCountView, CadreFilter, CadreQuery, CadreView } from './cadre.dto';
import { fileCheck, present, restrictedReader, toView } from './cadre.mappers';
import { CADRE_SCOPE_COLUMNS, ResolvedCadreFilter, cadreKeyOf } from './cadre-queries';
import { CadrePlanningFactsRow, CadreRepository } from './cadre.repository';
import { CadreTallies } from './cadre-tallies.service';

/** Rows are those whose public fields the caller may read; rules that only add restricted fields do not widen the list. */
const readScope = (): SqlScope => accessibleBy(currentActor().ability, 'read', 'Cadre', CADRE_SCOPE_COLUMNS, { field: 'id' });

/** Reading cadre files: lists, their totals, and a whole file, as the caller may see them. */
@Injectable()
export class CadresService {
  constructor(
    private readonly cadres: CadreRepository,
    private readonly tallies: CadreTallies,
    private readonly committees: CommitteesService,
    private readonly config: AppConfig,
  ) {}

  /** A whole file (row, work history, ratings) in one round trip, as the caller may see it. */
  async get(id: string): Promise<Partial<CadreView>> {
    const file = await this.cadres.file(id, fileCheck('read'));
    // json_build_object gives numeric scores as JSON numbers and dates as ISO text already.
    return present(file, { positions: file.positions, evaluations: file.evaluations });
  }

  /**
   * For planning's checks: the facts of the files the caller may read among `ids` (absent ones are not
   * visible or archived). Discipline is included whatever the caller's field rules: the checks need it,
   * and planning shows only its outcome and rule, never the record (see libs/planning). System work (the
   * worker's scan for removal proposals) passes UNSCOPED_SYSTEM: no user's reach applies.
   */
  async planningFacts(ids: readonly string[], system?: SystemScope): Promise<CadrePlanningFactsRow[]> {
    return this.cadres.planningFacts(system ?? readScope(), ids);
  }

  /** The filters with the committee resolved once (404 when it is not visible). */
  private async resolve<F extends CadreFilter>(query: F): Promise<F & ResolvedCadreFilter> {
    return { ...query, committee: await this.committees.rangeOf(query) };
  }

  async list(query: CadreQuery): Promise<Page<Partial<CadreView>>> {
    const filter = await this.resolve(query);
    // A name search over a small scope walks the scope (see ResolvedCadreFilter.search); the tallies say how small.
    const scan =
      !!query.q &&
      query.sort !== 'name' &&
      !query.archived &&
      ((await this.tallies.total(filter)) ?? Infinity) <= this.config.SEARCH_SCAN_LIMIT;
    const rows = await this.cadres.list(readScope(), { ...filter, search: scan ? 'scan' : 'trigram' }, { ...query, twoStep: scan });
    const reads = restrictedReader();
    return toPage(rows, query.limit, cadreKeyOf(query.sort), (r) => toView(r, reads(r)));
  }

  /**
   * The total behind a list. Filters the running tallies can answer (committee, subtree, gender,
   * status) are exact and cheap at any size; a name search is estimated unless `exact` asks for the
   * count (bench.md: an exact count of a million rows costs tens of milliseconds).
   */
  async count(query: CadreCountQuery): Promise<CadreCountView> {
    const filter = await this.resolve(query);
    if (!query.q && !query.managingCommitteeId && !query.archived) {
      const total = await this.tallies.total(filter);
      if (total !== undefined) return { total, exact: true, source: 'tally' };
    }
    const search = { ...filter, search: 'trigram' as const };
    if (query.exact) return { total: await this.cadres.count(readScope(), search), exact: true, source: 'count' };
    return { total: await this.cadres.estimate(readScope(), search), exact: false, source: 'estimate' };
  }
}
