import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitteesModule } from '@canbo/committees';
import { CadreAgeTally } from './cadre-age-tally.entity';
import { CadreChanges } from './cadre-changes.service';
import { CadreImportController } from './cadre-import.controller';
import { CadreImport } from './cadre-import.service';
import { CadreExport } from './cadre-export.service';
import { CadreEvaluation } from './cadre-evaluation.entity';
import { CadreHistory } from './cadre-history.service';
import { CadrePosition } from './cadre-position.entity';
import { CadreTallies } from './cadre-tallies.service';
import { CadreTally } from './cadre-tally.entity';
import { CadreTotalsCache } from './cadre-totals.cache';
import { CadreTreeHooks } from './cadre-tree.hooks';
import { Cadre } from './cadre.entity';
import { CadreRepository } from './cadre.repository';
import { CadresController } from './cadres.controller';
import { CadresService } from './cadres.service';

@Module({
  imports: [CommitteesModule, TypeOrmModule.forFeature([Cadre, CadrePosition, CadreEvaluation, CadreTally, CadreAgeTally])],
  controllers: [CadreImportController, CadresController],
  providers: [
    CadreExport,
    CadreImport,
    CadreRepository,
    CadreTotalsCache,
    CadresService,
    CadreTallies,
    CadreChanges,
    CadreHistory,
    CadreTreeHooks,
  ],
  exports: [CadresService, CadreTallies, CadreChanges, CadreHistory],
})
export class CadresModule {}
