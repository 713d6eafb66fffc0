import { ClaimBusyError, claimKey, isDuplicateKeyError, writeClaimsOf } from '@steward/persistence';
import { GridFSBucket, type Db, type GridFSFile, type ObjectId } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Readable } from 'node:stream';
import type { EvidenceMetadata, EvidenceStorage, StoredEvidence } from './evidence-storage';

/** Evidence ids are strings; GridFS takes any `_id`, the driver's types say ObjectId. */
const fileId = (id: string) => id as unknown as ObjectId;

function toStored(file: GridFSFile): StoredEvidence {
  const metadata = (file.metadata ?? {}) as Partial<EvidenceMetadata>;
  return {
    id: String(file._id),
    fileName: file.filename,
    size: file.length,
    uploadedAt: file.uploadDate,
    ticketId: metadata.ticketId ?? '',
    orgPath: metadata.orgPath ?? [],
    uploadedBy: metadata.uploadedBy ?? null,
    sha256: metadata.sha256 ?? '',
    contentType: metadata.contentType ?? 'application/octet-stream',
  };
}

/**
 * Evidence in the GridFS bucket `evidence` (evidence.files, evidence.chunks)
 * of the service's database, through the driver's GridFSBucket: readable by
 * any GridFS tool on MongoDB.
 *
 * On FerretDB 1.24/SQLite nothing but `_id` is pushed down and no index is
 * used: reading a file's chunks (filter on files_id) scans every chunk of
 * the bucket, so a download costs time in proportion to all evidence stored.
 * `stat` reads evidence.files by `_id` (small documents), which stays cheap.
 */
export class GridFsEvidenceStorage implements EvidenceStorage {
  private bucketOf: { db: Db; bucket: GridFSBucket } | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly bucketName = 'evidence',
  ) {}

  /** The connection opens at start-up, after construction: the bucket is made on first use. */
  private bucket(): GridFSBucket {
    const db = this.db();
    if (this.bucketOf?.db !== db) this.bucketOf = { db, bucket: new GridFSBucket(db, { bucketName: this.bucketName }) };
    return this.bucketOf.bucket;
  }

  private db(): Db {
    const db = this.connection.db as unknown as Db | undefined;
    if (!db) throw new Error('The database connection is not open yet');
    return db;
  }

  async stat(id: string): Promise<StoredEvidence | null> {
    const [file] = await this.bucket().find({ _id: fileId(id) }, { limit: 1 }).toArray();
    return file ? toStored(file) : null;
  }

  async get(id: string): Promise<{ evidence: StoredEvidence; content: Readable } | null> {
    const evidence = await this.stat(id);
    return evidence ? { evidence, content: this.bucket().openDownloadStream(fileId(id)) } : null;
  }

  /**
   * Stores the file once: an upload holds the claim of its id, on any database
   * and across instances (two uploads of one file to one ticket would write
   * the same chunks), and a second upload waits for it and finds the file.
   */
  async put(id: string, fileName: string, metadata: EvidenceMetadata, bytes: Buffer): Promise<StoredEvidence> {
    const existing = await this.stat(id);
    if (existing) return existing;
    try {
      return await writeClaimsOf(this.db()).hold([claimKey(this.bucketName, id)], async () => (await this.stat(id)) ?? this.upload(id, fileName, metadata, bytes));
    } catch (error) {
      // another upload of the same file held the claim beyond the wait: its result is ours once it is complete
      const stored = error instanceof ClaimBusyError ? await this.stat(id) : null;
      if (stored) return stored;
      throw error;
    }
  }

  /** The files document is written after the chunks: a file is visible only once complete. */
  private async upload(id: string, fileName: string, metadata: EvidenceMetadata, bytes: Buffer): Promise<StoredEvidence> {
    try {
      await this.write(id, fileName, metadata, bytes);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // chunks of an upload that died half-way (we hold the claim): drop them and write again
      await this.db().collection(`${this.bucketName}.chunks`).deleteMany({ files_id: id });
      await this.write(id, fileName, metadata, bytes);
    }
    const stored = await this.stat(id);
    if (!stored) throw new Error(`Evidence ${id} was written but cannot be read back`);
    return stored;
  }

  private write(id: string, fileName: string, metadata: EvidenceMetadata, bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      const stream = this.bucket().openUploadStreamWithId(fileId(id), fileName, { metadata: { ...metadata } });
      stream.once('error', reject);
      stream.once('finish', () => resolve());
      stream.end(bytes);
    });
  }
}
