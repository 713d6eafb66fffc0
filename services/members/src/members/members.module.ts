import { Module } from '@nestjs/common';
import { OrgReplicaModule } from '../org-replica/org-replica.module';
import { MemberRepository } from './member.repository';
import { AssignmentsResolver, MembersResolver } from './members.resolver';
import { MembersService } from './members.service';

@Module({
  imports: [OrgReplicaModule],
  providers: [MemberRepository, MembersService, MembersResolver, AssignmentsResolver],
  exports: [MembersService],
})
export class MembersModule {}
