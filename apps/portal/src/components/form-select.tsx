import { Select, type SelectProps } from 'antd';

/**
 * A Select for a required Form.Item. The item marks its control `aria-required`, which Ant Design's
 * Select puts on its wrapping div, where ARIA does not allow it (axe: aria-allowed-attr); the item's
 * label still shows it is required, and the validation message is announced through aria-describedby.
 */
export function FormSelect(props: SelectProps & { 'aria-required'?: unknown }) {
  const select: Record<string, unknown> = { ...props };
  delete select['aria-required'];
  return <Select {...(select as SelectProps)} />;
}
