/** A bar of a chart: its label, value, and optional second (muted) value drawn behind it. */
export interface Bar {
  label: string;
  value: number;
  /** E.g. the slots offered behind the slots booked. */
  of?: number;
}

/**
 * A horizontal bar chart as inline SVG, drawn on the server: no script, no external file, and
 * the numbers are in the text (each bar's label says its value), so a screen reader and a
 * printout get the same as the picture. `title` names the chart for assistive technology.
 */
export function BarChart({ title, bars, format = (v) => String(v) }: { title: string; bars: Bar[]; format?: (value: number, of?: number) => string }) {
  const row = 28;
  const labelWidth = 200;
  const width = 640;
  const barSpace = width - labelWidth - 170;
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.of ?? 0)));
  const height = Math.max(row, bars.length * row) + 8;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={title}>
      <title>{title}</title>
      {bars.map((bar, i) => {
        const y = 4 + i * row;
        const text = format(bar.value, bar.of);
        return (
          <g>
            <text x={0} y={y + 17}>
              {bar.label.length > 28 ? `${bar.label.slice(0, 27)}…` : bar.label}
            </text>
            {bar.of !== undefined ? <rect class="bar-muted" x={labelWidth} y={y + 4} width={(bar.of / max) * barSpace} height={row - 10} /> : null}
            <rect class="bar" x={labelWidth} y={y + 4} width={(bar.value / max) * barSpace} height={row - 10} />
            <text x={labelWidth + barSpace + 6} y={y + 17}>
              {text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A point of a line chart: its label (a time, already in the reader's zone) and its value, 0 to 1. */
export interface LinePoint {
  label: string;
  value: number | null;
  /** The value in words, for the table. */
  text: string;
}

/**
 * A share over time as an inline SVG line, drawn on the server. The SVG is named by its title
 * and described by `description`; the same points are in a table under a disclosure, so a
 * screen reader, a keyboard and a printout get the numbers, not only the picture.
 */
export function LineChart({
  id,
  title,
  description,
  points,
  tableLabel,
  head,
}: {
  id: string;
  title: string;
  description: string;
  points: LinePoint[];
  tableLabel: string;
  head: [string, string];
}) {
  const width = 640;
  const height = 220;
  const left = 44;
  const right = 12;
  const top = 12;
  const bottom = 36;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (i: number) => left + (points.length > 1 ? (i / (points.length - 1)) * plotW : plotW / 2);
  const y = (v: number) => top + (1 - Math.min(1, Math.max(0, v))) * plotH;
  const drawn = points.map((p, i) => (p.value === null ? null : `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`)).filter(Boolean);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <figure class="line-chart">
      <svg class="chart" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {ticks.map((tick) => (
          <g>
            <line class="grid" x1={left} x2={width - right} y1={y(tick)} y2={y(tick)} />
            <text x={left - 6} y={y(tick) + 4} text-anchor="end">
              {`${tick * 100}%`}
            </text>
          </g>
        ))}
        {drawn.length ? <polyline class="line" points={drawn.join(' ')} /> : null}
        {points.length ? (
          <>
            <text x={left} y={height - 10}>
              {points[0].label}
            </text>
            <text x={width - right} y={height - 10} text-anchor="end">
              {points[points.length - 1].label}
            </text>
          </>
        ) : null}
      </svg>
      <details>
        <summary>{tableLabel}</summary>
        <table class="data">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{head[0]}</th>
              <th scope="col">{head[1]}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr>
                <td>{p.label}</td>
                <td>{p.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
