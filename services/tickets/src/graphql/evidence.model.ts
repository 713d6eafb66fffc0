import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { StoredEvidence } from '../persistence/evidence-storage';

@ObjectType({ description: '上传到工单的图文证据（照片或文件），不可修改 / A photo or document uploaded to a ticket; immutable' })
export class Evidence {
  @Field(() => ID, { description: '证据 ID / Evidence id' }) id!: string;
  @Field({ description: '文件名：上传时的名称，已做安全处理 / File name as uploaded, made safe' }) fileName!: string;
  @Field({ description: '文件类型：image/jpeg、image/png、image/webp 或 application/pdf（按内容校验） / image/jpeg, image/png, image/webp or application/pdf (checked against the bytes)' }) contentType!: string;
  @Field(() => Int, { description: '大小（字节） / Size in bytes' }) size!: number;
  @Field({ description: '内容的 SHA-256（十六进制），也是下载的 ETag / SHA-256 of the bytes, hex; also the ETag of the download' }) sha256!: string;
  @Field(() => GraphQLISODateTime, { description: '上传时间 / When it was uploaded' }) uploadedAt!: Date;
  @Field(() => ID, { nullable: true, description: '上传人：人员，或登录的管理员、接口账号 / Who uploaded it: the member, or the administrator or service account signed in' }) uploadedBy!: string | null;
  @Field({ description: '下载路径（GET，由工单服务提供），如 /evidence/<id> / Where the tickets service serves the bytes (GET), e.g. /evidence/<id>' }) downloadPath!: string;
  ticketId!: string;
}

@InputType({ description: '上传到工单的图文证据（照片或文件），base64 编码 / A photo or document for a ticket, base64-encoded' })
export class UploadEvidenceInput {
  @Field(() => ID, { description: '工单 ID / Ticket id' }) ticketId!: string;
  @Field({ description: '原文件名；去除目录和不安全字符 / Original file name; folders and unsafe characters are removed' }) fileName!: string;
  @Field({ description: '文件类型：image/jpeg、image/png、image/webp 或 application/pdf，须与内容一致 / image/jpeg, image/png, image/webp or application/pdf; must match the bytes' }) contentType!: string;
  @Field({ description: '文件内容，base64（RFC 4648，带填充）；解码后最多 TICKETS_EVIDENCE_MAX_BYTES（默认 5 MiB） / The file, base64 (RFC 4648, padded); at most TICKETS_EVIDENCE_MAX_BYTES decoded (5 MiB by default)' })
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
