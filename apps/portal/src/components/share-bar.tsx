import { Space } from 'antd';

/** A share of the total as a bar beside its figure: decoration only, the figure and percentage are the text. */
export function ShareBar({ count, total }: { count: number; total: number }) {
  const percent = total > 0 ? Math.round((count / total) * 100) : 0;
  return (
    <Space size={8}>
      <span aria-hidden="true" style={{ display: 'inline-block', width: 120, height: 8, background: '#f0f0f0', borderRadius: 4 }}>
        <span style={{ display: 'block', width: `${percent}%`, height: 8, background: '#1677ff', borderRadius: 4 }} />
      </span>
      <span>{percent}%</span>
    </Space>
  );
}
