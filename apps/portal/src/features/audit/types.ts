import type { Schemas } from '../../api';

/** GET /audit-events' items (libs/audit/src/audit-events.controller.ts), generated from the OpenAPI document. */
export type AuditEvent = Schemas['AuditEventView'];
