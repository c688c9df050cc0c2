import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AgeBand, Structure, Tally } from './structure';

interface Line extends Tally {
  key: string;
  level: string;
  /** An age band's line, or the level's subtotal (null). */
  ageBand: AgeBand | null;
  /** Rows the level's name spans on its first line; 0 on the others. */
  levelSpan: number;
}

const number = (n: number) => n.toLocaleString('vi-VN');

/** The figures of the chart as a table: per level, each age band and a subtotal, men, women and both; the grand total last. */
export function StructureTable({ structure, levelName }: { structure: Structure; levelName: (level: string) => string }) {
  const { t } = useTranslation();
  const lines: Line[] = structure.levels.flatMap((l) => [
    ...l.bands.map((b, i) => ({ ...b, key: `${l.level}:${b.ageBand}`, level: l.level, levelSpan: i === 0 ? l.bands.length + 1 : 0 })),
    { key: `${l.level}:all`, level: l.level, ageBand: null, levelSpan: 0, male: l.male, female: l.female, total: l.total },
  ]);
  const strongIfSubtotal = (value: number, line: Line) => (line.ageBand ? number(value) : <strong>{number(value)}</strong>);
  return (
    <Table<Line>
      rowKey="key"
      size="small"
      bordered
      pagination={false}
      dataSource={lines}
      caption={<Typography.Text strong>{t('reports.table')}</Typography.Text>}
      data-testid="report-table"
      columns={[
        {
          title: t('reports.level'),
          dataIndex: 'level',
          render: (level: string) => levelName(level),
          onCell: (line) => ({ rowSpan: line.levelSpan }),
        },
        {
          title: t('reports.ageBand'),
          dataIndex: 'ageBand',
          render: (band: AgeBand | null) => (band ? t(`reports.bands.${band}`) : <strong>{t('reports.subtotal')}</strong>),
        },
        { title: t('reports.gender.male'), dataIndex: 'male', align: 'right', render: strongIfSubtotal },
        { title: t('reports.gender.female'), dataIndex: 'female', align: 'right', render: strongIfSubtotal },
        { title: t('reports.total'), dataIndex: 'total', align: 'right', render: strongIfSubtotal },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}>
            <strong>{t('reports.grandTotal')}</strong>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            <strong data-testid="report-total-male">{number(structure.male)}</strong>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            <strong data-testid="report-total-female">{number(structure.female)}</strong>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right">
            <strong data-testid="report-total">{number(structure.total)}</strong>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}
