import type { AuditRecord } from './audit.service';

/**
 * The audit event of a record handed over when a committee is dissolved into its successor: each of
 * `fields` pointed at the dissolved committee (`from`) and now points at the successor (`to`); `also`
 * adds what changed with them (the row's version). The event joins the successor's chain unless
 * `chain` names another.
 */
export function handOverRecord(
  entityType: string,
  entityId: string,
  fields: readonly string[],
  from: { id: string },
  to: { id: string },
  also: { before?: object; after?: object; chain?: string } = {},
): AuditRecord {
  const pointing = (id: string) => Object.fromEntries(fields.map((f) => [f, id]));
  return {
    committeeId: also.chain ?? to.id,
    entityType,
    entityId,
    action: 'hand-over',
    changes: {
      reason: 'committee dissolved',
      before: { ...pointing(from.id), ...also.before },
      after: { ...pointing(to.id), ...also.after },
    },
  };
}
