import { Module } from '@nestjs/common';
import { MemberRepository } from './member.repository';
import { AssignmentsResolver, MembersResolver } from './members.resolver';
import { MembersService } from './members.service';

@Module({
  providers: [MemberRepository, MembersService, MembersResolver, AssignmentsResolver],
  exports: [MembersService, MemberRepository],
})
export class MembersModule {}
