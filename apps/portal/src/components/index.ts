export { KeysetTable, type KeysetTableProps } from './keyset-table';
export { PageTitle } from './page-title';
export { FormSelect } from './form-select';
