import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { StoredEvidence } from '../persistence/evidence-storage';

@ObjectType({ description: 'A photo or document (图文证据) uploaded to a ticket; immutable' })
export class Evidence {
  @Field(() => ID) id!: string;
  @Field({ description: 'File name as uploaded, made safe (文件名)' }) fileName!: string;
  @Field({ description: 'image/jpeg, image/png, image/webp or application/pdf (checked against the bytes)' }) contentType!: string;
  @Field(() => Int, { description: 'Size in bytes' }) size!: number;
  @Field({ description: 'SHA-256 of the bytes, hex; also the ETag of the download' }) sha256!: string;
  @Field(() => GraphQLISODateTime) uploadedAt!: Date;
  @Field(() => ID, { nullable: true, description: 'Who uploaded it (上传人): the member, or the administrator or service account signed in' }) uploadedBy!: string | null;
  @Field({ description: 'Where the tickets service serves the bytes (GET), e.g. /evidence/<id>' }) downloadPath!: string;
  ticketId!: string;
}

@InputType({ description: 'A photo or document (图文) for a ticket, base64-encoded' })
export class UploadEvidenceInput {
  @Field(() => ID) ticketId!: string;
  @Field({ description: 'Original file name; folders and unsafe characters are removed' }) fileName!: string;
  @Field({ description: 'image/jpeg, image/png, image/webp or application/pdf; must match the bytes' }) contentType!: string;
  @Field({ description: 'The file, base64 (RFC 4648, padded); at most TICKETS_EVIDENCE_MAX_BYTES decoded (5 MiB by default)' })
  contentBase64!: string;
}

export const downloadPathOf = (id: string) => `/evidence/${encodeURIComponent(id)}`;

export function toEvidence(stored: StoredEvidence): Evidence {
  return {
    id: stored.id,
    fileName: stored.fileName,
    contentType: stored.contentType,
    size: stored.size,
    sha256: stored.sha256,
    uploadedAt: stored.uploadedAt,
    uploadedBy: stored.uploadedBy,
    downloadPath: downloadPathOf(stored.id),
    ticketId: stored.ticketId,
  };
}
