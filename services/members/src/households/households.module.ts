import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { HouseholdRepository } from './household.repository';
import { HouseholdsResolver } from './households.resolver';
import { HouseholdsService } from './households.service';

@Module({
  imports: [MembersModule],
  providers: [HouseholdRepository, HouseholdsService, HouseholdsResolver],
  exports: [HouseholdsService],
})
export class HouseholdsModule {}
