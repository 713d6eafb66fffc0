import { runService } from '@steward/service-kit';
import { AppModule } from './app.module';

void runService({
  serviceName: 'members',
  defaultPort: 4002,
  rootModule: (config, logger) => AppModule.forRoot(config, logger),
});
