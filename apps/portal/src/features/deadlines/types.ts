import type { Schemas } from '../../api';

/** The API's views (libs/deadlines/src/deadline.dto.ts), generated from its OpenAPI document. */
export type Deadline = Schemas['DeadlineView'];
export type DeadlineBatch = Schemas['DeadlineBatchView'];
export type DeadlinePolicy = Schemas['DeadlinePolicyView'];
export type DeadlineState = Deadline['state'];

/** GET /committees' items, as the pages use them (the response is not in the OpenAPI document yet). */
export interface Committee {
  id: string;
  code: string;
  name: string;
  depth: number;
  level: string;
  status: string;
}

/** GET /committee-levels' items. */
export interface CommitteeLevel {
  code: string;
  name: string;
}
