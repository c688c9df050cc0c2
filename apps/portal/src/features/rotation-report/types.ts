import type { Schemas } from '../../api';

/** The API's view (libs/rotation/src/rotation-report.dto.ts), generated from its OpenAPI document. */
export type RotationReport = Schemas['RotationReportView'];
