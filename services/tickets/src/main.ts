// first: tracing (when configured) must load before anything it instruments
import '@steward/service-kit/tracing-register';
import path from 'node:path';
import { runService } from '@steward/service-kit';
import { AppModule } from './app.module';
import { jsonBodyLimitFor } from './domain/json-body-limit';
import { loadTicketsConfig } from './application/tickets.config';

void runService({
  serviceName: 'tickets',
  defaultPort: 4003,
  schemaFile: path.join(__dirname, '../schema.graphql'),
  // evidence arrives base64 in GraphQL requests
  jsonBodyLimit: jsonBodyLimitFor(loadTicketsConfig().evidenceMaxBytes),
  rootModule: (config, logger) => AppModule.forRoot(config, logger),
});
