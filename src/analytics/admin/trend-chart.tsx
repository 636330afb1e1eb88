// A trend as a server-rendered SVG bar chart in a figure, its numbers in a table behind a details element:
// the picture for a glance, the table for a screen reader or an exact figure. No script, no inline style.
import type { TrendRow } from './tables.js';

const WIDTH = 720;
const HEIGHT = 200;
const PAD = { top: 12, right: 8, bottom: 28, left: 48 };

export function TrendChart(props: { id: string; caption: string; rows: TrendRow[] }) {
  const { rows } = props;
  const top = Math.max(1, ...rows.map((r) => r.views));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, rows.length);
  const barW = Math.max(1, slot * 0.8);
  // At most about eight labels under the axis, whatever the number of bars.
  const labelEvery = Math.max(1, Math.ceil(rows.length / 8));
  const captionId = `${props.id}-caption`;
  return (
    <figure class="analytics-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{props.caption}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={`${props.caption}: bar chart of views, ${rows.length} bars, highest ${top}. The table below has every figure.`}
        preserveAspectRatio="xMidYMid meet"
      >
        <line
          x1={PAD.left}
          y1={PAD.top + innerH}
          x2={WIDTH - PAD.right}
          y2={PAD.top + innerH}
          stroke="currentColor"
        />
        <text x={PAD.left - 6} y={PAD.top + 10} text-anchor="end" font-size="12" fill="currentColor">
          {top}
        </text>
        <text x={PAD.left - 6} y={PAD.top + innerH} text-anchor="end" font-size="12" fill="currentColor">
          0
        </text>
        {rows.map((r, i) => {
          const h = (r.views / top) * innerH;
          const x = PAD.left + i * slot + (slot - barW) / 2;
          return (
            <g>
              <rect
                x={x.toFixed(1)}
                y={(PAD.top + innerH - h).toFixed(1)}
                width={barW.toFixed(1)}
                height={h.toFixed(1)}
                fill="#2b6cb0"
              >
                <title>{`${r.label}: ${r.views} ${r.views === 1 ? 'view' : 'views'}`}</title>
              </rect>
              {i % labelEvery === 0 && (
                <text
                  x={(x + barW / 2).toFixed(1)}
                  y={HEIGHT - 8}
                  text-anchor="middle"
                  font-size="11"
                  fill="currentColor"
                >
                  {r.label.length > 5 ? r.label.slice(5) : r.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
