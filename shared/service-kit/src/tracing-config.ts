/**
 * Whether this process exports traces: off by default, on when the standard
 * OpenTelemetry variables ask for it — an OTLP endpoint
 * (`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) or a
 * traces exporter (`OTEL_TRACES_EXPORTER`, e.g. `otlp` or `console`; `none`
 * keeps it off) — unless `OTEL_SDK_DISABLED=true`. Everything else
 * (`OTEL_EXPORTER_OTLP_PROTOCOL`, `OTEL_SERVICE_NAME`, `OTEL_TRACES_SAMPLER`,
 * `OTEL_BSP_*`, …) the SDK reads itself. Framework-free and SDK-free: the
 * configuration loaders call it, so the deployment checks know these variables.
 */
export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  if (exporters.length > 0) return !exporters.every((name) => name === 'none');
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}
