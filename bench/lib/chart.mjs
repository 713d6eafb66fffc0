// An SVG line chart of the asynchronous chain's latency against the dispatch
// rate, from a propagation result (bench/results/propagation-*.json): one
// line per path and percentile, a logarithmic latency axis (the figures span
// milliseconds to minutes), the 1 s goal as a dashed line. No dependencies:
// the README embeds the file.
import { measuredOf } from './goals.mjs';

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { top: 40, right: 190, bottom: 50, left: 70 };
const COLOURS = ['#1f77b4', '#aec7e8', '#d62728', '#ff9896', '#2ca02c', '#98df8a'];

const escapeXml = (text) => String(text).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);

/**
 * The series of a propagation result: for each path (visit, score) and
 * percentile, the latency at each measured rate (the untraced measurements).
 * @returns {{ rates: number[], series: { name: string, points: { rate: number, ms: number }[] }[] }}
 */
export function chainSeries(result, { percentiles = ['p50', 'p99'] } = {}) {
  const measured = [...(measuredOf(result) ?? [])].sort((a, b) => a.rate - b.rate);
  const series = [];
  for (const path of ['visit', 'score']) {
    for (const percentile of percentiles) {
      const points = measured.filter((m) => Number.isFinite(m[path]?.[percentile])).map((m) => ({ rate: m.rate, ms: m[path][percentile] }));
      if (points.length > 0) series.push({ name: `${path} ${percentile}`, points });
    }
  }
  return { rates: measured.map((m) => m.rate), series };
}

/** The chart as an SVG document. `goalMs` draws a dashed horizontal line. */
export function latencyChartSvg({ rates, series }, { title = 'dispatch → visible latency (派单 → 走访/考核 可见)', goalMs = 1000 } = {}) {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const all = series.flatMap((s) => s.points.map((p) => p.ms)).filter((ms) => ms > 0);
  const lowDecade = Math.floor(Math.log10(Math.min(goalMs, ...all, 100)));
  const highDecade = Math.ceil(Math.log10(Math.max(goalMs * 10, ...all)));
  const y = (ms) => MARGIN.top + plotHeight * (1 - (Math.log10(Math.max(ms, 10 ** lowDecade)) - lowDecade) / (highDecade - lowDecade));
  const maxRate = Math.max(...rates, 1);
  const x = (rate) => MARGIN.left + (plotWidth * rate) / maxRate;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  for (let decade = lowDecade; decade <= highDecade; decade += 1) {
    const ms = 10 ** decade;
    const label = ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(ms)}" y2="${y(ms)}" stroke="#ddd"/>`);
    parts.push(`<text x="${MARGIN.left - 8}" y="${y(ms) + 4}" text-anchor="end">${label}</text>`);
  }
  for (const rate of rates) {
    parts.push(`<line x1="${x(rate)}" x2="${x(rate)}" y1="${MARGIN.top}" y2="${MARGIN.top + plotHeight}" stroke="#eee"/>`);
    parts.push(`<text x="${x(rate)}" y="${MARGIN.top + plotHeight + 18}" text-anchor="middle">${rate}</text>`);
  }
  parts.push(`<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 10}" text-anchor="middle">dispatches per second (每秒派单)</text>`);
  parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + plotHeight}" stroke="#333"/>`);
  parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${MARGIN.top + plotHeight}" y2="${MARGIN.top + plotHeight}" stroke="#333"/>`);
  parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(goalMs)}" y2="${y(goalMs)}" stroke="#000" stroke-dasharray="6 4"/>`);
  parts.push(`<text x="${MARGIN.left + plotWidth + 6}" y="${y(goalMs) + 4}">goal ${goalMs >= 1000 ? `${goalMs / 1000} s` : `${goalMs} ms`}</text>`);
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const points = s.points.map((p) => `${x(p.rate).toFixed(1)},${y(p.ms).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points}"/>`);
    for (const p of s.points) parts.push(`<circle cx="${x(p.rate).toFixed(1)}" cy="${y(p.ms).toFixed(1)}" r="3" fill="${colour}"/>`);
    const legendY = MARGIN.top + 30 + i * 18;
    parts.push(`<line x1="${MARGIN.left + plotWidth + 6}" x2="${MARGIN.left + plotWidth + 26}" y1="${legendY}" y2="${legendY}" stroke="${colour}" stroke-width="2"/>`);
    parts.push(`<text x="${MARGIN.left + plotWidth + 30}" y="${legendY + 4}">${escapeXml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
