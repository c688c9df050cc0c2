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

/** The committees the caller can see (libs/committees CommitteeView). */
export type Committee = Schemas['CommitteeView'];
/** One event of the file's audit history (libs/audit AuditEventView). */
export type AuditEvent = Schemas['AuditEventView'];
