import { Module } from '@nestjs/common';
import { OrgTree } from '@steward/replicas';
import { orgTreeProvider } from './org-replica';

/** Provides `OrgTree` (org replica only: members does not need a replica of its own topic). */
@Module({ providers: [orgTreeProvider], exports: [OrgTree] })
export class OrgReplicaModule {}
