/**
 * Hand-written SVG bar charts for the dashboard. Positions are percentages of the chart's
 * width and text is in CSS pixels, so the bars stretch to any width (a phone, a desktop, an A4
 * page) while the labels keep their size. Each row: its label, its figures on the line below
 * (SVG cannot measure text, so the two never share a line and cannot collide), then the bar. Every bar also carries its figures as text, so a print in grey or a screen reader
 * gets the numbers, not only colours.
 */
import { For, Show, type JSX } from 'solid-js';

export interface Segment {
  value: number;
  /** CSS class giving the fill (see .chart__seg--* in styles.css). */
  tone: string;
  label: string;
}

export interface ChartRow {
  key: string;
  label: string;
  /** Shown at the right end of the label line. */
  valueText: string;
  segments: Segment[];
  /** A vertical mark at this value (e.g. the fund's amount). */
  marker?: { value: number; label: string } | null;
  bad?: boolean;
}

const ROW = 54;

export function BarChart(props: { id: string; title: string; rows: ChartRow[]; max?: number; legend?: Array<{ tone: string; label: string }>; testid?: string }): JSX.Element {
  const max = () => {
    let m = props.max ?? 0;
    for (const r of props.rows) {
      m = Math.max(m, r.segments.reduce((s, x) => s + x.value, 0), r.marker?.value ?? 0);
    }
    return m > 0 ? m : 1;
  };
  const pct = (v: number) => `${Math.max(0, Math.min(100, (v / max()) * 100))}%`;
  const height = () => Math.max(1, props.rows.length) * ROW + 4;
  return (
    <figure class="chart" data-testid={props.testid}>
      <svg
        class="chart__svg"
        width="100%"
        height={height()}
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{props.rows.map((r) => `${r.label}: ${r.valueText}`).join('; ')}</desc>
        <For each={props.rows}>
          {(r, i) => {
            const y = () => i() * ROW;
            let offset = 0;
            const segs = () => {
              offset = 0;
              return r.segments.map((s) => {
                const x = offset;
                offset += s.value;
                return { ...s, x };
              });
            };
            return (
              <g class="chart__row" classList={{ 'chart__row--bad': r.bad }} data-row={r.key}>
                <text x="0" y={y() + 14} class="chart__label">{r.label}</text>
                <text x="0" y={y() + 30} class="chart__value">{r.valueText}</text>
                <rect x="0" y={y() + 36} width="100%" height="12" class="chart__track" rx="2" />
                <For each={segs()}>
                  {(s) => (
                    <Show when={s.value > 0}>
                      <rect x={pct(s.x)} y={y() + 36} width={pct(s.value)} height="12" class={`chart__seg chart__seg--${s.tone}`}>
                        <title>{s.label}</title>
                      </rect>
                    </Show>
                  )}
                </For>
                <Show when={r.marker}>
                  {(m) => (
                    <line x1={pct(m().value)} x2={pct(m().value)} y1={y() + 33} y2={y() + 51} class="chart__marker">
                      <title>{m().label}</title>
                    </line>
                  )}
                </Show>
              </g>
            );
          }}
        </For>
      </svg>
      <Show when={props.legend?.length}>
        <figcaption class="chart__legend" aria-hidden="true">
          <For each={props.legend}>{(l) => <span class={`chart__key chart__key--${l.tone}`}>{l.label}</span>}</For>
        </figcaption>
      </Show>
    </figure>
  );
}
