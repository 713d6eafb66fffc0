import { Module } from '@nestjs/common';
import { HouseholdRepository } from './household.repository';
import { HouseholdsResolver } from './households.resolver';
import { HouseholdsService } from './households.service';

@Module({
  providers: [HouseholdRepository, HouseholdsService, HouseholdsResolver],
})
export class HouseholdsModule {}
