import { useInfiniteList, useOne } from '@refinedev/core';
import { subject } from '@casl/ability';
import { Button, Card, Empty, Skeleton, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Me, PortalAbility } from '../../providers/me';
import type { UserView } from '../../api';
import { formatDate } from '../../i18n';
import { codeLabel, fieldLabel, formatDateTime, formatValue } from './cadre-labels';
import type { AuditEvent, CadreFile } from './types';

/** What the cadres lib writes as the audit event's entityType (libs/cadres/src/cadre-changes.service.ts). */
const ENTITY_TYPE = 'Cadre';
/** Bookkeeping that moves with every change: not what a reader of the history wants to see. */
const HIDDEN = new Set(['id', 'version', 'createdAt', 'updatedAt']);
const ACTIONS = new Set(['create', 'update', 'archive', 'add-position', 'end-position', 'add-evaluation', 'hand-over']);

type Changes = { before?: Record<string, unknown>; after?: Record<string, unknown>; positionId?: string; reason?: string };

/** Who did it: the user's name when the caller may look accounts up, "you" for the caller, "system" for jobs. */
function Actor({ actorId, me, ability }: { actorId: string | null; me: Me; ability: PortalAbility }) {
  const { t } = useTranslation();
  const lookUp = !!actorId && actorId !== me.user.id && ability.can('read', 'RoleAssignment');
  const { result, query } = useOne<UserView>({
    resource: 'users',
    id: actorId ?? '',
    queryOptions: { enabled: lookUp, retry: false, staleTime: 5 * 60_000 },
  });
  if (!actorId) return <>{t('cadres.audit.system')}</>;
  if (actorId === me.user.id) return <>{t('cadres.audit.you', { name: me.user.displayName })}</>;
  if (lookUp && query.isLoading) return <Skeleton.Input size="small" active style={{ height: 16 }} />;
  return <>{result?.displayName ?? t('cadres.audit.someone')}</>;
}

/** What an event changed, in words: each field's old and new value, or what was added. */
function details(t: TFunction, event: AuditEvent): string[] {
  const changes = (event.changes ?? {}) as Changes;
  const after = changes.after ?? {};
  switch (event.action) {
    case 'update':
      return Object.keys(after)
        .filter((f) => !HIDDEN.has(f))
        .map((f) => `${fieldLabel(t, f)}: ${formatValue(t, f, changes.before?.[f])} → ${formatValue(t, f, after[f])}`);
    case 'archive':
      return typeof after.archivedReason === 'string' ? [`${fieldLabel(t, 'archivedReason')}: ${after.archivedReason}`] : [];
    case 'add-position':
      return [
        `${String(after.title ?? '')} — ${String(after.organisation ?? '')} (${t('cadres.history.from')} ${formatDate(after.startedOn as string)})`,
      ];
    case 'end-position':
      return [`${t('cadres.history.to')} ${formatDate(after.endedOn as string)}`];
    case 'add-evaluation':
      return [`${String(after.year ?? '')}: ${codeLabel(t, 'rating', after.rating as string)}`];
    default:
      // A hand-over names committees by id only; its label says what happened.
      return [];
  }
}

/**
 * The file's audit history (GET /audit-events?entityType=Cadre&entityId=…), newest first. Events live on
 * the managing committee's chain, which only its board and auditors above may read: a caller who may
 * not read them (a refusal, or nothing readable) is shown nothing rather than an error.
 */
export function AuditHistory({ cadre, me, ability }: { cadre: CadreFile; me: Me; ability: PortalAbility }) {
  const { t } = useTranslation();
  const mayRead = ability.can('read', 'AuditEvent');
  const { query, result } = useInfiniteList<AuditEvent>({
    resource: 'audit-events',
    filters: [
      { field: 'entityType', operator: 'eq', value: ENTITY_TYPE },
      { field: 'entityId', operator: 'eq', value: cadre.id },
    ],
    pagination: { pageSize: 20 },
    queryOptions: { enabled: mayRead, retry: false },
  });
  if (!mayRead || query.isError) return null;
  const events = (result.data?.pages ?? []).flatMap((p) => p.data);
  // Every file has at least its opening event, so none at all means none the caller may read here —
  // unless its own rules name the managing committee's chain (then it is truly empty, and says so).
  const readsChain = ability.can('read', subject('AuditEvent', { committeeId: cadre.managingCommitteeId }));
  if (!query.isLoading && events.length === 0 && !readsChain) return null;

  const title = (
    <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
      {t('cadres.audit.title')}
    </Typography.Title>
  );
  return (
    <Card title={title} data-testid="cadre-audit">
      {query.isLoading ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cadres.audit.empty')} />
      ) : (
        <Timeline
          items={events.map((e) => ({
            key: e.id,
            children: (
              <div data-testid="audit-event">
                <Typography.Text strong>{t(`cadres.audit.action.${ACTIONS.has(e.action) ? e.action : 'other'}`)}</Typography.Text>
                <Typography.Text type="secondary">
                  {' · '}
                  {formatDateTime(e.occurredAt)}
                  {' · '}
                  <Actor actorId={e.actorId} me={me} ability={ability} />
                </Typography.Text>
                {details(t, e).map((line, i) => (
                  <div key={i}>{line}</div>
                ))}
              </div>
            ),
          }))}
        />
      )}
      {result.hasNextPage && (
        <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('app.loadMore')}
        </Button>
      )}
    </Card>
  );
}
