import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService, handOverRecord } from '@canbo/audit';
import { CommitteesService } from '@canbo/committees';
import { ConflictProblem } from '@canbo/platform';
import { CadreRepository, HandedOverRow } from './cadre.repository';

/** How cadre files follow changes of the committee tree (system work inside the committees lib's transaction). */
@Injectable()
export class CadreTreeHooks implements OnModuleInit {
  constructor(
    private readonly cadres: CadreRepository,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    // Cadre rows copy their committees' pre-order numbers; keep them in step when the tree is renumbered.
    this.committees.onTreeRenumbered(async (tx) => {
      await this.cadres.followRenumbering(tx);
      // A cadre is managed from its working committee or above. A tree change that would leave a file
      // managed from the side (a district moved away from the province that manages some of its
      // cadres) is refused: the boards hand those files over first. Archived files count too: they are
      // still read (and audited) through their managing committee, which must stay above them.
      const { n, codes } = await this.cadres.managedFromOutside(tx);
      if (n > 0)
        throw new ConflictProblem(
          'managed-from-outside',
          `${n} cadre file(s) managed by ${codes} would no longer work under their managing committee; hand them over before changing the tree`,
          { cadres: n },
        );
    });
    // A dissolved committee's cadres work for, and are managed by, its successor. Each file's own history
    // shows the move: one event per file, on the chain of the committee that manages it now (where its
    // next events go and whose board reads them).
    this.committees.onCommitteeDissolved(async (tx, from, to) => {
      const moved = await this.cadres.handOver(tx, from.id, to.id);
      const moving = (r: HandedOverRow) => [
        ...(r.was_working === from.id ? ['committeeId'] : []),
        ...(r.was_managing === from.id ? ['managingCommitteeId'] : []),
      ];
      await this.audit.recordMany(
        moved.map((r) =>
          handOverRecord('Cadre', r.id, moving(r), from, to, {
            before: { version: r.version - 1 },
            after: { version: r.version },
            chain: r.managing_committee_id,
          }),
        ),
      );
    });
  }
}
