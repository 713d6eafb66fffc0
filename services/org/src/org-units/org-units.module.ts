import { Module } from '@nestjs/common';
import { OrgUnitRepository } from './org-unit.repository';
import { OrgUnitsResolver } from './org-units.resolver';
import { OrgUnitsService } from './org-units.service';

@Module({ providers: [OrgUnitRepository, OrgUnitsService, OrgUnitsResolver], exports: [OrgUnitsService] })
export class OrgUnitsModule {}
