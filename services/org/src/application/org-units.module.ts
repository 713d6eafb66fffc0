import { Module } from '@nestjs/common';
import { outboxRelayProvider } from '@steward/service-kit';
import { AncestorPropagation } from './ancestor-propagation';
import { OrgUnitRepository } from '../persistence/org-unit.repository';
import { OrgUnitsResolver } from '../graphql/org-units.resolver';
import { OrgUnitsService } from './org-units.service';

@Module({
  providers: [OrgUnitRepository, outboxRelayProvider(OrgUnitRepository), AncestorPropagation, OrgUnitsService, OrgUnitsResolver],
  exports: [OrgUnitsService],
})
export class OrgUnitsModule {}
