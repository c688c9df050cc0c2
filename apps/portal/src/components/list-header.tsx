import type { ReactNode } from 'react';
import { Button, Select, Space } from 'antd';
import { PageTitle } from './page-title';
import { useTranslation } from 'react-i18next';

/**
 * A list page's head: its title and, where the caller may start one (a cycle, an appointment, a
 * rotation, a vote session), the button that opens the form — then the filters beneath it.
 */
export function ListHeader({
  title,
  action,
  children,
}: {
  title: string;
  action?: { label: string; onClick: () => void } | false;
  children?: ReactNode;
}) {
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <PageTitle>{title}</PageTitle>
        {action && (
          <Button type="primary" onClick={action.onClick}>
            {action.label}
          </Button>
        )}
      </Space>
      {children && (
        <Space wrap style={{ margin: '16px 0' }}>
          {children}
        </Space>
      )}
    </>
  );
}

/** A filter on one of a list's closed sets of values (a state, a kind), all of them when cleared. */
export function ValueFilter<V extends string>({
  label,
  all,
  values,
  labelOf,
  value,
  onChange,
  width = 220,
}: {
  label: string;
  all: string;
  values: readonly V[];
  labelOf: (value: V) => string;
  value: V | undefined;
  onChange: (value: V | undefined) => void;
  width?: number;
}) {
  return (
    <Select<V>
      aria-label={label}
      placeholder={all}
      allowClear
      style={{ width }}
      value={value}
      onChange={onChange}
      options={values.map((v) => ({ value: v, label: labelOf(v) }))}
    />
  );
}

/**
 * A ValueFilter in a list's own texts, by the filter's name (`state`, `kind`, `type`): `<ns>.filter<Name>`
 * names it, `<ns>.all<Name>s` stands for all of them, `<ns>.<name>s.<value>` words each value.
 */
export function ListFilter<V extends string>({
  ns,
  name,
  ...rest
}: {
  ns: string;
  name: string;
  values: readonly V[];
  value: V | undefined;
  onChange: (value: V | undefined) => void;
  width?: number;
}) {
  const { t } = useTranslation();
  const Name = name.charAt(0).toUpperCase() + name.slice(1);
  return (
    <ValueFilter<V>
      label={t(`${ns}.filter${Name}`)}
      all={t(`${ns}.all${Name}s`)}
      labelOf={(v) => t(`${ns}.${name}s.${String(v)}`)}
      {...rest}
    />
  );
}
