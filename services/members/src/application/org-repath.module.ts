import { Module } from '@nestjs/common';
import { orgRepathProvider } from '@steward/service-kit';
import { HouseholdsModule } from './households.module';
import { HouseholdsService } from './households.service';
import { MembersModule } from './members.module';
import { MembersService } from './members.service';

/** Households and role assignments follow their grid or unit when org moves it (one consumer group, `<db>.org-repath`). */
@Module({
  imports: [MembersModule, HouseholdsModule],
  providers: [
    orgRepathProvider([MembersService, HouseholdsService], (members: MembersService, households: HouseholdsService) => [
      { name: 'households', repath: (gridId, path) => households.repathGrid(gridId, path) },
      { name: 'member assignments', repath: (unitId, path) => members.repathUnit(unitId, path) },
    ]),
  ],
})
export class OrgRepathModule {}
