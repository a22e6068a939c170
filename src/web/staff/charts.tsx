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
