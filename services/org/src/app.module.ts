import { Module, type DynamicModule } from '@nestjs/common';
import { Topics } from '@steward/events';
import { federatedGraphQLModule, ServiceKitModule, type Logger, type ServiceConfig } from '@steward/service-kit';
import { OrgUnitsModule } from './application/org-units.module';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ config, logger, topics: [Topics.orgUnits] }),
        federatedGraphQLModule(config, logger),
        OrgUnitsModule,
      ],
    };
  }
}
