import { DomainError } from '@steward/errors';
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';

/** What may be uploaded as evidence (图文): photos and PDF documents, told apart by their first bytes. */
export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

const EXTENSIONS: Record<EvidenceType, readonly string[]> = {
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/webp': ['.webp'],
  'application/pdf': ['.pdf'],
};

/** Stable `extensions.reason` of a refused upload or reference; the client can branch on it. */
export type EvidenceRejection =
  | 'EVIDENCE_EMPTY'
  | 'EVIDENCE_NOT_BASE64'
  | 'EVIDENCE_TOO_LARGE'
  | 'EVIDENCE_TYPE_NOT_ALLOWED'
  | 'EVIDENCE_TYPE_MISMATCH'
  | 'EVIDENCE_NOT_ON_TICKET'
  | 'EVIDENCE_TOO_MANY';

/** BAD_USER_INPUT with a `reason` beside the field problems. */
export class EvidenceRejectedError extends DomainError {
  constructor(
    readonly reason: EvidenceRejection,
    message: string,
    path: string,
  ) {
    super('BAD_USER_INPUT', message, { reason, problems: [{ path, message }] });
  }
}

export interface EvidenceLimits {
  /** largest accepted file, in decoded bytes */
  maxBytes: number;
}

export interface EvidenceUpload {
  fileName: string;
  contentType: string;
  contentBase64: string;
}

export interface CheckedEvidence {
  fileName: string;
  contentType: EvidenceType;
  bytes: Buffer;
  sha256: string;
}

/** At most this many evidence ids on one timeline entry. */
export const MAX_EVIDENCE_PER_ENTRY = 20;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** The type the bytes really are (magic numbers), or undefined when they are none of the allowed ones. */
export function sniffContentType(bytes: Uint8Array): EvidenceType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  return undefined;
}

/** `image/JPEG; charset=x` → `image/jpeg`; the common alias image/jpg counts as image/jpeg. */
export function normaliseContentType(declared: string): string {
  const type = declared.split(';')[0].trim().toLowerCase();
  return type === 'image/jpg' ? 'image/jpeg' : type;
}

function isEvidenceType(type: string): type is EvidenceType {
  return (EVIDENCE_TYPES as readonly string[]).includes(type);
}

/** Decoded size of canonical base64 text, without decoding it. */
function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

// one flat character loop: a grouped pattern backtracks through megabytes and overflows the stack
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A file name safe to store and to send back in content-disposition: no
 * folders, control or bidi characters, or characters Windows refuses; at most
 * 120 characters; ending in an extension of its real type.
 */
export function sanitiseFileName(name: string, type: EvidenceType): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const extensions = EXTENSIONS[type];
  const present = extensions.find((candidate) => clean.toLowerCase().endsWith(candidate));
  const extension = present ? clean.slice(-present.length) : extensions[0];
  const stem = (present ? clean.slice(0, -present.length) : clean).replace(/[\s.]+$/, '') || 'evidence';
  return `${[...stem].slice(0, 120 - extension.length).join('')}${extension}`;
}

/**
 * Checks an upload before anything is stored: declared type allowed, size
 * within the limit (before decoding), real base64, the bytes really of the
 * declared type. Throws EvidenceRejectedError otherwise.
 */
export function checkEvidence(upload: EvidenceUpload, limits: EvidenceLimits): CheckedEvidence {
  const declared = normaliseContentType(upload.contentType);
  if (!isEvidenceType(declared)) {
    throw new EvidenceRejectedError(
      'EVIDENCE_TYPE_NOT_ALLOWED',
      `${upload.contentType} is not accepted; upload JPEG, PNG, WEBP or PDF`,
      'input.contentType',
    );
  }
  const base64 = upload.contentBase64.replace(/\s+/g, '');
  if (base64.length === 0) throw new EvidenceRejectedError('EVIDENCE_EMPTY', 'The file is empty', 'input.contentBase64');
  const notBase64 = () =>
    new EvidenceRejectedError('EVIDENCE_NOT_BASE64', 'contentBase64 is not base64 (RFC 4648, padded)', 'input.contentBase64');
  if (base64.length % 4 !== 0) throw notBase64();
  const size = decodedLength(base64);
  if (size > limits.maxBytes) {
    throw new EvidenceRejectedError(
      'EVIDENCE_TOO_LARGE',
      `The file has ${size} bytes; at most ${limits.maxBytes} are accepted`,
      'input.contentBase64',
    );
  }
  if (!BASE64.test(base64)) throw notBase64();
  const bytes = Buffer.from(base64, 'base64');
  const sniffed = sniffContentType(bytes);
  if (!sniffed) {
    throw new EvidenceRejectedError('EVIDENCE_TYPE_NOT_ALLOWED', 'The file is not a JPEG, PNG, WEBP or PDF', 'input.contentBase64');
  }
  if (sniffed !== declared) {
    throw new EvidenceRejectedError('EVIDENCE_TYPE_MISMATCH', `The file is ${sniffed}, not ${declared} as declared`, 'input.contentType');
  }
  return {
    fileName: sanitiseFileName(upload.fileName, sniffed),
    contentType: sniffed,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

const EVIDENCE_NAMESPACE = '5b0f3c38-8f5e-4d0e-9a57-0c6d1c7e4a21';

/** The same file uploaded twice to one ticket gets the same id: a retried upload stores nothing new. */
export function evidenceIdOf(ticketId: string, sha256: string): string {
  return uuidv5(`${ticketId}/${sha256}`, EVIDENCE_NAMESPACE);
}

/** The ids as given, each once; at most MAX_EVIDENCE_PER_ENTRY. */
export function distinctEvidenceIds(ids: readonly string[] | null | undefined, path: string): string[] {
  const distinct = [...new Set((ids ?? []).map((id) => id.trim()))];
  if (distinct.length > MAX_EVIDENCE_PER_ENTRY) {
    throw new EvidenceRejectedError('EVIDENCE_TOO_MANY', `At most ${MAX_EVIDENCE_PER_ENTRY} evidence files per entry`, path);
  }
  return distinct;
}

/** Every id must name evidence uploaded to this ticket (`found`: what the store knows of them). */
export function requireOnTicket(ticketId: string, ids: readonly string[], found: readonly { id: string; ticketId: string }[], path: string): void {
  const owned = new Set(found.filter((evidence) => evidence.ticketId === ticketId).map((evidence) => evidence.id));
  const missing = ids.filter((id) => !owned.has(id));
  if (missing.length > 0) {
    throw new EvidenceRejectedError('EVIDENCE_NOT_ON_TICKET', `No evidence ${missing.join(', ')} was uploaded to this ticket`, path);
  }
}
