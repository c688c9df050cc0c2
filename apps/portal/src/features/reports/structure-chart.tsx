import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis, type XAxisTickContentProps } from 'recharts';
import { useTranslation } from 'react-i18next';
import { AGE_BANDS, type Structure } from './structure';

/** Men and women: a dark blue and the theme's red, apart for colour-blind readers too. */
const COLOURS = { male: '#1d4e89', female: '#b71c1c' };
/** The band under which a level's name is written: the middle of its five. */
const LEVEL_LABEL_BAND = Math.floor(AGE_BANDS.length / 2);

interface Point {
  key: string;
  level: string;
  band: string;
  labelsLevel: boolean;
  male: number;
  female: number;
}

/**
 * The structure as one stacked bar chart: a bar per level × age band (age bands grouped under their
 * level's name), men and women stacked. The table below it carries the same figures for readers who
 * cannot see the chart, so to them the chart is one image with a name saying what it shows.
 */
export function StructureChart({ structure, levelName }: { structure: Structure; levelName: (level: string) => string }) {
  const { t } = useTranslation();
  const data: Point[] = structure.levels.flatMap((l) =>
    l.bands.map((b, i) => ({
      key: `${l.level}:${b.ageBand}`,
      level: levelName(l.level),
      band: t(`reports.bandsShort.${b.ageBand}`),
      labelsLevel: i === LEVEL_LABEL_BAND,
      male: b.male,
      female: b.female,
    })),
  );
  const tick = ({ x, y, index }: XAxisTickContentProps) => {
    const point = data[index];
    if (!point) return <g />;
    return (
      <g transform={`translate(${x},${y})`}>
        <text dy={14} textAnchor="middle" fontSize={12} fill="#333">
          {point.band}
        </text>
        {point.labelsLevel && (
          <text dy={34} textAnchor="middle" fontSize={13} fontWeight={600} fill="#222">
            {point.level}
          </text>
        )}
      </g>
    );
  };
  return (
    <figure role="img" aria-label={t('reports.chart')} style={{ margin: '0 0 24px' }} data-testid="report-chart">
      <ResponsiveContainer width="100%" height={360}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="key" interval={0} height={48} tick={tick} tickLine={false} />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip labelFormatter={(_, payload) => (payload?.[0] ? `${payload[0].payload.level} · ${payload[0].payload.band}` : '')} />
          <Legend />
          <Bar dataKey="male" name={t('reports.gender.male')} stackId="gender" fill={COLOURS.male} isAnimationActive={false} />
          <Bar dataKey="female" name={t('reports.gender.female')} stackId="gender" fill={COLOURS.female} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
