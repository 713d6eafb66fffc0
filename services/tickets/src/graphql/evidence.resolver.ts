import { Args, Directive, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { CurrentAccess, listSize } from '@steward/service-kit';
import { TimelineEntry } from './ticket.model';
import { Evidence, UploadEvidenceInput } from './evidence.model';
import { MAX_EVIDENCE_PER_ENTRY } from '../domain/evidence-rules';
import { EvidenceService } from '../application/evidence.service';

@Resolver(() => Evidence)
export class EvidenceResolver {
  constructor(private readonly service: EvidenceService) {}

  @Mutation(() => Evidence, {
    description:
      '上传图文证据（照片或文件）到工单，之后在进展、开始或办结中按 ID 引用 / Upload a photo or document to a ticket; reference it from progress, start or resolve by its id\n' +
      'The same file again returns the evidence stored first. Needs tickets:handle on the ticket\'s unit, as its handler or a dispatcher there.',
  })
  uploadEvidence(@CurrentAccess() access: Access, @Args('input', { description: '要上传的文件 / The file to upload' }) input: UploadEvidenceInput): Promise<Evidence> {
    return this.service.upload(access, input);
  }
}

@Resolver(() => TimelineEntry)
export class TimelineEvidenceResolver {
  constructor(private readonly service: EvidenceService) {}

  /** The entry belongs to a ticket the caller was allowed to read. */
  @ResolveField(() => [Evidence], { description: '本步骤附带的图文证据 / Photos and documents attached to this step' })
  @Directive(listSize.atMost(MAX_EVIDENCE_PER_ENTRY))
  evidence(@Parent() entry: TimelineEntry): Promise<Evidence[]> | Evidence[] {
    return entry.evidenceIds.length > 0 ? this.service.ofEntry(entry.evidenceIds) : [];
  }
}
