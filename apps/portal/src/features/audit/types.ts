/** GET /audit-events' items (libs/audit/src/audit-events.controller.ts AuditEventView: not in the OpenAPI document, by hand). */
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
