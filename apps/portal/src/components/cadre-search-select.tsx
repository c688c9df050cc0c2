import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { SelectProps } from 'antd';
import { api } from '../providers/http';
import { FormSelect } from './form-select';

interface CadreHit {
  id: string;
  fullName: string;
  committeeName?: string;
}

/**
 * A cadre picked by name from the files of one committee (GET /cadres?q=, two letters or more): the
 * field every proposal form starts with — a nomination, an appointment, an appraisal request. Used as a
 * Form.Item's control (value, onChange and the item's aria attributes pass through).
 */
export function CadreSearchSelect({
  committeeId,
  ...select
}: { committeeId: string | undefined } & Omit<SelectProps, 'options' | 'showSearch' | 'onSearch'> & { 'aria-required'?: unknown }) {
  const [q, setQ] = useState('');
  const cadres = useQuery({
    queryKey: ['canbo', 'cadre-search', committeeId, q],
    queryFn: () => api<{ items: CadreHit[] }>('/cadres', { query: { q, committeeId, limit: 20 } }),
    enabled: !!committeeId && q.trim().length >= 2,
  });
  return (
    <FormSelect
      {...select}
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={cadres.isFetching}
      notFoundContent={null}
      options={(cadres.data?.items ?? []).map((c) => ({
        value: c.id,
        label: c.committeeName ? `${c.fullName} — ${c.committeeName}` : c.fullName,
      }))}
    />
  );
}
