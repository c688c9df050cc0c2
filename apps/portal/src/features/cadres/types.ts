import type { Schemas } from '../../api';

/** The API's views of a file (generated from the OpenAPI document: libs/cadres/src/cadre.dto.ts). */
export type CadreFile = Schemas['CadreView'];
/** A row of the list: the same view, without work history or ratings. */
export type CadreSummary = CadreFile;
export type PositionView = Schemas['PositionView'];
export type EvaluationView = Schemas['EvaluationView'];
export type UpdateCadreDto = Schemas['UpdateCadreDto'];
export type DisciplineDto = Schemas['DisciplineDto'];
export type FamilyMemberDto = Schemas['FamilyMemberDto'];

/**
 * By hand until the committees and audit routes declare their responses in the OpenAPI document
 * (libs/committees CommitteeView, libs/audit AuditEventView).
 */
export interface Committee {
  id: string;
  code: string;
  name: string;
  depth: number;
  path: string;
}

export interface AuditEvent {
  id: string;
  committeeId: string;
  committeeCode: string;
  seq: string;
  occurredAt: string;
  actorId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  changes: unknown;
  requestId: string | null;
}
