import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startTracing } from './tracing';

/**
 * Imported first by every app's main.ts (`import '@steward/service-kit/tracing-register'`):
 * starts tracing before anything instrumented is loaded, when it is
 * configured. The service name is `OTEL_SERVICE_NAME`, else the app's package
 * name without its scope (`@steward/tickets` → `tickets`), read from the
 * package.json above the entry script (`<app>/dist/main.js`).
 */
function appName(): string {
  const entry = process.argv[1];
  if (!entry) return 'steward';
  try {
    const { name } = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { name?: unknown };
    return typeof name === 'string' ? name.replace(/^@steward\//, '') : 'steward';
  } catch {
    return 'steward';
  }
}

startTracing(appName());
