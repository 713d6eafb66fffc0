import { Module } from '@nestjs/common';
import { AncestorPropagation } from './ancestor-propagation';
import { OrgOutbox } from './org-outbox';
import { OrgUnitRepository } from './org-unit.repository';
import { OrgUnitsResolver } from './org-units.resolver';
import { OrgUnitsService } from './org-units.service';

@Module({
  providers: [OrgUnitRepository, OrgOutbox, AncestorPropagation, OrgUnitsService, OrgUnitsResolver],
  exports: [OrgUnitsService],
})
export class OrgUnitsModule {}
