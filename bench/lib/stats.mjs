// Small statistics helpers: percentiles of raw samples and the median of repetitions.

/** The p-th percentile (0–100) of `samples` by nearest rank; NaN for no samples. */
export function percentile(samples, p) {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function median(values) {
  return percentile(values, 50);
}

export function summarize(samples) {
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : Number.NaN,
  };
}

/** Median, per key, of a list of numeric result objects (one per repetition). */
export function medianOf(repetitions) {
  const keys = Object.keys(repetitions[0] ?? {});
  return Object.fromEntries(keys.map((key) => [key, median(repetitions.map((rep) => rep[key]))]));
}

export function ratio(a, b) {
  return b === 0 || !Number.isFinite(a / b) ? Number.NaN : a / b;
}
