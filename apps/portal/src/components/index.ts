export { KeysetTable, type KeysetTableProps } from './keyset-table';
export { PageTitle } from './page-title';
export { problemMessage, fieldErrors } from './problem-message';
export { FormSelect } from './form-select';
export { FormDialog, type FormDialogProps } from './form-dialog';
export { CommitteeFilter, committeeFilters, committeeQuery, type CommitteeFilterValue } from './committee-filter';
export { CadreSearchSelect } from './cadre-search-select';
export { ListHeader, ValueFilter } from './list-header';
export { DecisionFields } from './decision-fields';
