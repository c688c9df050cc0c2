import { useList, type CrudFilter } from '@refinedev/core';
import { Checkbox, Select, Space } from 'antd';

/** What the filter needs of GET /committees. */
interface CommitteeOption {
  id: string;
  name: string;
  depth: number;
}

export interface CommitteeFilterValue {
  committeeId?: string;
  /** With a committee: the committees below it too (the API's default). */
  subtree: boolean;
}

export interface CommitteeFilterProps {
  value: CommitteeFilterValue;
  onChange(value: CommitteeFilterValue): void;
  /** The select's accessible name, its placeholder (no committee: everything the caller sees) and the checkbox's text. */
  texts: { committee: string; all: string; subtree: string };
  testId?: string;
}

/**
 * The committee filter of the lists and reports: one committee the caller sees (GET /committees in tree
 * order, indented by depth) and whether the committees below it count too.
 */
export function CommitteeFilter({ value, onChange, texts, testId }: CommitteeFilterProps) {
  const { query, result } = useList<CommitteeOption>({ resource: 'committees', pagination: { pageSize: 200 } });
  return (
    <Space wrap align="center">
      <Select
        aria-label={texts.committee}
        placeholder={texts.all}
        allowClear
        style={{ width: 320 }}
        value={value.committeeId}
        onChange={(committeeId?: string) => onChange({ ...value, committeeId })}
        loading={query.isLoading}
        options={(result.data ?? []).map((c) => ({ value: c.id, label: `${'\u00a0'.repeat(c.depth * 2)}${c.name}` }))}
        data-testid={testId}
      />
      <Checkbox checked={value.subtree} disabled={!value.committeeId} onChange={(e) => onChange({ ...value, subtree: e.target.checked })}>
        {texts.subtree}
      </Checkbox>
    </Space>
  );
}

/** The filter as the API's query: `subtree` only when it departs from the default (true) with a committee. */
export const committeeQuery = ({ committeeId, subtree }: CommitteeFilterValue) => ({
  committeeId,
  subtree: committeeId && !subtree ? false : undefined,
});

/** The filter as a list's Refine filters (KeysetTable), the query string's `subtree=false` included. */
export const committeeFilters = (value: CommitteeFilterValue): CrudFilter[] => {
  const { committeeId, subtree } = committeeQuery(value);
  return [
    { field: 'committeeId', operator: 'eq', value: committeeId },
    { field: 'subtree', operator: 'eq', value: subtree === false ? 'false' : undefined },
  ];
};
