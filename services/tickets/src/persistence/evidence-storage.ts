import type { Readable } from 'node:stream';

/** What is kept beside the bytes of one evidence file. */
export interface EvidenceMetadata {
  ticketId: string;
  /** orgPath of the ticket at upload (who may see it, once access rules land) */
  orgPath: string[];
  uploadedBy: string | null;
  sha256: string;
  contentType: string;
}

export interface StoredEvidence extends EvidenceMetadata {
  id: string;
  fileName: string;
  /** bytes */
  size: number;
  uploadedAt: Date;
}

/** Where evidence bytes live. Files are immutable: an id always names the same bytes. */
export interface EvidenceStorage {
  /** Stores the file under `id`; when `id` is already stored, returns that file and stores nothing. */
  put(id: string, fileName: string, metadata: EvidenceMetadata, bytes: Buffer): Promise<StoredEvidence>;
  /** The file's description, or null when unknown. */
  stat(id: string): Promise<StoredEvidence | null>;
  /** The file's description and its bytes, or null when unknown. */
  get(id: string): Promise<{ evidence: StoredEvidence; content: Readable } | null>;
}
