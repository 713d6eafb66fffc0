import { Module } from '@nestjs/common';
import { OrgReplica } from './org-replica';

@Module({ providers: [OrgReplica], exports: [OrgReplica] })
export class OrgReplicaModule {}
