import type { Schemas } from '../../api';

/** The API's view (libs/votes/src/vote-report.dto.ts), generated from its OpenAPI document. */
export type VoteReport = Schemas['VoteOutcomesView'];
export type VoteResultFigures = Schemas['VoteResultFiguresView'];
