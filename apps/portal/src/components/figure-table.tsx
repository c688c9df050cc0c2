import type { ReactNode } from 'react';
import { Table, Typography, type TableProps } from 'antd';

/** A table's total row: its label, then one figure per column after the first (null: an empty cell), each with a test id. */
export interface FigureTotals {
  label: string;
  figures: ({ value: ReactNode; testId?: string } | null)[];
}

/**
 * A report's table of figures: small, bordered, whole (no pages), its caption in bold, found in tests by
 * `testId`, with an optional total row in bold.
 */
export function FigureTable<T extends object>({
  caption,
  testId,
  totals,
  ...props
}: Omit<TableProps<T>, 'caption' | 'size' | 'bordered' | 'pagination' | 'summary'> & {
  caption: string;
  testId: string;
  totals?: FigureTotals;
}) {
  return (
    <Table<T>
      size="small"
      bordered
      pagination={false}
      caption={<Typography.Text strong>{caption}</Typography.Text>}
      data-testid={testId}
      summary={
        totals &&
        (() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{totals.label}</strong>
            </Table.Summary.Cell>
            {totals.figures.map((figure, i) =>
              figure ? (
                <Table.Summary.Cell key={i} index={i + 1} align="right">
                  <strong data-testid={figure.testId}>{figure.value}</strong>
                </Table.Summary.Cell>
              ) : (
                <Table.Summary.Cell key={i} index={i + 1} />
              ),
            )}
          </Table.Summary.Row>
        ))
      }
      {...props}
    />
  );
}
