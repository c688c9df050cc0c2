import { Module } from '@nestjs/common';
import { CommitteesModule } from '@canbo/committees';
import { CadresController } from './cadres.controller';
import { CadresService } from './cadres.service';

@Module({ imports: [CommitteesModule], controllers: [CadresController], providers: [CadresService], exports: [CadresService] })
export class CadresModule {}
