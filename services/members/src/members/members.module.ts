import { Module } from '@nestjs/common';
import { PiiReader } from '../common/pii-reader';
import { MemberRepository } from './member.repository';
import { AssignmentsResolver, MembersResolver } from './members.resolver';
import { MembersService } from './members.service';

@Module({
  providers: [MemberRepository, MembersService, MembersResolver, AssignmentsResolver, PiiReader],
  exports: [MembersService, MemberRepository, PiiReader],
})
export class MembersModule {}
