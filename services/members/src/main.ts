// first: tracing (when configured) must load before anything it instruments
import '@steward/service-kit/tracing-register';
import path from 'node:path';
import { runService } from '@steward/service-kit';
import { AppModule } from './app.module';

void runService({
  serviceName: 'members',
  defaultPort: 4002,
  schemaFile: path.join(__dirname, '../schema.graphql'),
  rootModule: (config, logger) => AppModule.forRoot(config, logger),
});
