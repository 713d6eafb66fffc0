import { ConflictError } from '@steward/errors';
import { Schema, type Connection, type Model } from 'mongoose';

/**
 * Why this exists: FerretDB 1.24 executes `updateOne` as a query followed by
 * a separate write of the whole document, so two concurrent updates of one
 * document can both match the same guard (`{ version: 3 }`) and the later
 * write silently undoes the earlier one (measured here: 50 concurrent `$inc`
 * left 31; 4 of 20 racers "matched" one version guard). Inserts of an
 * existing `_id` do fail atomically (E11000).
 *
 * So every write of a ticket document first inserts a claim keyed by the
 * document and its write revision `rev`, writes guarded by that `rev`, sets
 * `rev + 1` and removes the claim. At most one writer holds a revision; a
 * writer that read an older revision finds the claim taken or the guard
 * unmatched and gets CONFLICT. On MongoDB the claim is redundant but harmless.
 *
 * A claim left behind by a crash between insert and release blocks that
 * revision until its lease runs out; then the next writer takes it over.
 */
interface ClaimDocument {
  _id: string;
  at: Date;
}

const claimSchema = new Schema<ClaimDocument>(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { collection: 'ticket_claims', versionKey: false },
);

const DUPLICATE_KEY = 11000;

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY;
}

/** The filter that matches a document at write revision `rev` (documents written before `rev` existed count as 0). */
export function revisionFilter(rev: number): Record<string, unknown> {
  return rev === 0 ? { $or: [{ rev: 0 }, { rev: { $exists: false } }] } : { rev };
}

export class WriteClaims {
  private readonly claims: Model<ClaimDocument>;

  constructor(
    connection: Connection,
    private readonly leaseMs = 30_000,
  ) {
    this.claims = connection.model<ClaimDocument>('TicketClaim', claimSchema);
  }

  /** Runs `write` as the only writer of revision `rev` of document `id`; CONFLICT when another writer holds it. */
  async withClaim<T>(id: string, rev: number, write: () => Promise<T>): Promise<T> {
    const key = `${id}#${rev}`;
    await this.acquire(key, id);
    try {
      return await write();
    } finally {
      await this.claims.deleteOne({ _id: key }).exec();
    }
  }

  private async acquire(key: string, id: string): Promise<void> {
    if (await this.tryInsert(key)) return;
    const held = await this.claims.findById(key).lean<ClaimDocument>().exec();
    if (held && Date.now() - held.at.getTime() > this.leaseMs) {
      const { deletedCount } = await this.claims.deleteOne({ _id: key, at: held.at }).exec();
      if (deletedCount === 1 && (await this.tryInsert(key))) return;
    }
    throw new ConflictError(`Ticket ${id} is being changed by someone else; reload and retry`, { ticketId: id });
  }

  private async tryInsert(key: string): Promise<boolean> {
    try {
      await this.claims.create({ _id: key, at: new Date() });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
}
