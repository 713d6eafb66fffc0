import type { Collection, Document, Filter, UpdateFilter } from 'mongodb';
import { getEventDefinition } from './catalogue';
import { type ClaimDocument, Claims, processInstanceId } from './claims';
import type { EventEnvelope } from './envelope';
import { validateEnvelope } from './envelope';
import { errorMessage } from './errors';
import { type EventLogger, silentLogger } from './logger';
import { OUTBOX_FIELD, OUTBOX_PENDING_FIELD } from './outbox';
import type { AddressedEvent, EventProducer } from './producer';
import { TRACEPARENT_HEADER, currentTraceparent, endSpan, outsideAnyTrace, startPublishSpan } from './tracing';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';

export interface OutboxRelayOptions<TSchema extends Document = Document> {
  /** the aggregates' collection (native driver, e.g. `mongooseConnection.collection('tickets')`) */
  collection: Collection<TSchema>;
  producer: EventProducer;
  logger?: EventLogger;
  /** how often to look for pending entries when nobody kicks; default 500 ms */
  pollIntervalMs?: number;
  /** documents per pass; default 100 */
  batchSize?: number;
  /**
   * Where the relays of this database claim the documents they publish
   * (`outbox_claims`, OUTBOX_CLAIMS_COLLECTION), so that several relays on
   * one collection (several instances of a service) split the work instead of
   * publishing the same entries each.
   */
  claims: Collection<ClaimDocument>;
  /** names this relay in its claims; default processInstanceId() */
  relayId?: string;
  /** how long the claims of a relay that died block its documents; default 60 s */
  claimLeaseMs?: number;
  /**
   * false makes a dormant relay: start, kick and flush do nothing and pending
   * entries wait in the documents for an instance whose relay runs (an
   * API-only instance, or a crash drill). Default true.
   */
  enabled?: boolean;
}

export interface OutboxPassResult {
  /** entries acknowledged by the broker in this pass */
  published: number;
  /** true when the pass hit an error (logged); pending entries stay for the next pass */
  failed: boolean;
  /** pending documents the pass left alone because another relay holds them */
  heldElsewhere: number;
}

/** The collection, one per database, where relays claim documents. */
export const OUTBOX_CLAIMS_COLLECTION = 'outbox_claims';
/** A pass whose first page is held by other relays looks at up to this many pages for unclaimed documents. */
const MAX_PAGES_PER_PASS = 10;

/** Documents with pending entries, found through the index on the pending mark. */
const PENDING_FILTER: Filter<Document> = { [OUTBOX_PENDING_FIELD]: true };
/** The relay's index; its presence also records that documents written before the mark existed were marked. */
export const OUTBOX_PENDING_INDEX = 'outbox_pending';
/** MongoDB's NamespaceNotFound: listIndexes of a collection that does not exist yet. */
const NAMESPACE_NOT_FOUND = 26;

interface ClaimedDocuments {
  ids: unknown[];
  keys: Set<string>;
  heldElsewhere: number;
}

interface PendingDocument {
  _id: unknown;
  /** the entries exactly as stored; removed by value after publishing */
  storedEntries: Document[];
  events: AddressedEvent[];
}

/**
 * Publishes the events waiting in the `outbox` arrays of a collection's
 * documents, then removes them.
 *
 * Guarantees: entries of one document are published in array order, in one
 * request, and removed only after the broker acknowledged them (acks=all), so
 * a crash loses nothing. A crash (or a failed removal) after the broker
 * acknowledged re-publishes the same entries on the next pass: delivery is
 * at-least-once and consumers must be idempotent (dedupe by envelope id, guard
 * by aggregateversion, or use the helpers in idempotency.ts).
 *
 * Several relays on one collection (one per instance of a service) split the
 * work: a pass claims the pending documents it found (one unordered
 * `insertMany` of `relay:<collection>:<id>` claims, see claims.ts), reads the
 * claimed documents' entries again (another relay may have published them
 * between the two reads), publishes them in array order, removes them, and
 * releases its claims in one `deleteMany`. A document held by another relay
 * is left to it, so in normal operation no entry is published twice and the
 * entries of one document are published by one relay at a time, in order.
 * The claims of a relay that died expire after `claimLeaseMs` and another
 * relay takes its documents over; entries it had published but not removed
 * then go out again (a duplicate, as after any crash). A relay still alive
 * after its lease (a broker stalled that long) may also publish an entry
 * again, after later ones: consumers guard by version.
 *
 * Pending documents carry `outboxPending: true` (written with the entries by
 * `withOutbox`/`outboxFields`), which the relay indexes and queries, so a pass
 * costs the pending documents, not the collection. A removal that empties the
 * outbox removes the mark with it in one update, matched on the entries as
 * read, so entries pushed meanwhile keep the document marked.
 *
 * Removal uses `$pullAll` with the entries exactly as read rather than
 * `$pull: { outbox: { id: { $in: ids } } }`: FerretDB 1.24 accepts the
 * condition form but removes nothing (modifiedCount 0, no error), whereas
 * `$pullAll` (whole-value equality) works on FerretDB and MongoDB alike.
 * Entries are immutable once written, so equality with what was read holds;
 * entries pushed meanwhile are not touched.
 */
export class OutboxRelay<TSchema extends Document = Document> {
  private readonly collection: Collection<TSchema>;
  private readonly producer: EventProducer;
  private readonly logger: EventLogger;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private activePass: Promise<OutboxPassResult> | null = null;
  private queuedPass: Promise<OutboxPassResult> | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private polling = false;
  private readonly enabled: boolean;
  private readonly claims: Claims;

  constructor(options: OutboxRelayOptions<TSchema>) {
    this.collection = options.collection;
    this.producer = options.producer;
    this.logger = options.logger ?? silentLogger;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.batchSize = options.batchSize ?? 100;
    this.enabled = options.enabled ?? true;
    this.claims = new Claims(options.claims, { holder: options.relayId ?? processInstanceId(), leaseMs: options.claimLeaseMs ?? 60_000 });
  }

  /**
   * Marks documents written before the pending mark existed (once: the index
   * records it), ensures the index, then polls every `pollIntervalMs`.
   */
  async start(): Promise<void> {
    if (this.polling || !this.enabled) return;
    this.polling = true;
    const marked = await this.markUnmarkedPendingDocuments();
    if (marked > 0) this.logger.info({ collection: this.collection.collectionName, documents: marked }, 'outbox: marked pending documents written before the mark');
    this.schedulePoll(0);
  }

  /**
   * Until the relay's index exists, documents with entries may lack the mark
   * (written by a build before it): they are found by the array itself (a full
   * read, once per collection) and marked one by one, through the collection's
   * write guard; then the index is created. Idempotent, so instances starting
   * together may both run it. Returns how many documents it marked.
   */
  private async markUnmarkedPendingDocuments(): Promise<number> {
    const indexes = await this.collection
      .listIndexes()
      .toArray()
      .catch((error: unknown) => {
        if ((error as { code?: unknown }).code === NAMESPACE_NOT_FOUND) return [];
        throw error;
      });
    if (indexes.some((index) => index.name === OUTBOX_PENDING_INDEX)) return 0;
    const hasEntries = { [`${OUTBOX_FIELD}.0`]: { $exists: true } };
    const unmarked = await this.collection
      .find({ ...hasEntries, [OUTBOX_PENDING_FIELD]: { $ne: true } } as Filter<TSchema>, { projection: { _id: 1 } })
      .toArray();
    for (const { _id } of unmarked) {
      await this.collection.updateOne(
        { _id, ...hasEntries } as Filter<TSchema>,
        { $set: { [OUTBOX_PENDING_FIELD]: true } } as unknown as UpdateFilter<TSchema>,
      );
    }
    await this.collection.createIndex({ [OUTBOX_PENDING_FIELD]: 1 }, { name: OUTBOX_PENDING_INDEX });
    return unmarked.length;
  }

  /** Stops polling; resolves once the pass in progress (if any) is done. */
  async stop(): Promise<void> {
    this.polling = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    await this.idle();
  }

  /**
   * Asks for a pass now (call it right after writing events). Never runs two
   * passes at once: while one runs, all kicks share one follow-up pass, which
   * sees every write made before the kick. Resolves when that pass is done;
   * never rejects (a failed pass is logged and the next poll retries), so a
   * writer may fire and forget it (`void relay.kick()`).
   */
  kick(): Promise<OutboxPassResult> {
    if (!this.enabled) return Promise.resolve({ published: 0, failed: false, heldElsewhere: 0 });
    if (this.queuedPass) return this.queuedPass;
    if (!this.activePass) return this.beginPass();
    this.queuedPass = this.activePass.then(() => {
      this.queuedPass = null;
      return this.beginPass();
    });
    return this.queuedPass;
  }

  /**
   * Runs passes until no document has pending entries, or those left are
   * held by other relays, which publish them (shutdown, tests). Rejects if
   * entries are still pending after `timeoutMs` (default 30 s), e.g. the
   * broker is down or an entry is invalid.
   */
  async flush(options: { timeoutMs?: number } = {}): Promise<void> {
    if (!this.enabled) return;
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      const result = await this.kick();
      const pending = await this.collection.findOne(PENDING_FILTER as Filter<TSchema>, { projection: { _id: 1 } });
      if (!pending) return;
      if (!result.failed && result.published === 0 && result.heldElsewhere > 0) return;
      if (Date.now() >= deadline) {
        throw new Error(`Outbox of ${this.collection.collectionName} not drained within the flush timeout`);
      }
      if (result.failed || result.published === 0) await delay(Math.min(this.pollIntervalMs, 200));
    }
  }

  private async idle(): Promise<void> {
    while (this.activePass || this.queuedPass) {
      await (this.queuedPass ?? this.activePass);
    }
  }

  private schedulePoll(delayMs: number): void {
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      void this.kick().finally(() => {
        if (this.polling) this.schedulePoll(this.pollIntervalMs);
      });
    }, delayMs);
    this.pollTimer.unref();
  }

  private beginPass(): Promise<OutboxPassResult> {
    // a pass serves many writers: its reads belong to no request's trace (each event's publish span does)
    const pass = outsideAnyTrace(() => this.runPass()).finally(() => {
      if (this.activePass === pass) this.activePass = null;
    });
    this.activePass = pass;
    return pass;
  }

  /** One pass: claim pending documents, read and publish their entries, remove what was published, release. Never rejects. */
  private async runPass(): Promise<OutboxPassResult> {
    let claimed: ClaimedDocuments;
    try {
      claimed = await this.claimPending();
    } catch (error) {
      this.logger.error({ err: error, collection: this.collection.collectionName }, 'outbox read failed');
      return { published: 0, failed: true, heldElsewhere: 0 };
    }
    const { heldElsewhere } = claimed;
    if (claimed.keys.size === 0) return { published: 0, failed: false, heldElsewhere };
    try {
      return { ...(await this.publishClaimed(claimed.ids)), heldElsewhere };
    } finally {
      await this.claims.release(claimed.keys).catch((error: unknown) => {
        // they expire after the lease; until then the documents wait
        this.logger.error({ err: error, collection: this.collection.collectionName }, 'outbox claims not released');
      });
    }
  }

  /**
   * Claims a batch of pending documents that no other relay holds: the first
   * page by `_id`, or, when other relays hold all of it, the next pages.
   */
  private async claimPending(): Promise<ClaimedDocuments> {
    let heldElsewhere = 0;
    let after: unknown;
    for (let page = 0; page < MAX_PAGES_PER_PASS; page += 1) {
      const filter = after === undefined ? PENDING_FILTER : { ...PENDING_FILTER, _id: { $gt: after } };
      const rows = await this.collection
        .find(filter as Filter<TSchema>, { projection: { _id: 1 }, sort: { _id: 1 }, limit: this.batchSize })
        .toArray();
      if (rows.length === 0) break;
      const keys = await this.claims.claim(rows.map((row) => this.claimKey(row._id)));
      heldElsewhere += rows.length - keys.size;
      if (keys.size > 0) return { ids: rows.map((row) => row._id).filter((id) => keys.has(this.claimKey(id))), keys, heldElsewhere };
      if (rows.length < this.batchSize) break;
      after = rows[rows.length - 1]._id;
    }
    return { ids: [], keys: new Set(), heldElsewhere };
  }

  private claimKey(id: unknown): string {
    return `relay:${this.collection.collectionName}:${String(id)}`;
  }

  /** Publishes the entries of claimed documents, read after claiming, then removes them. */
  private async publishClaimed(ids: unknown[]): Promise<Omit<OutboxPassResult, 'heldElsewhere'>> {
    let documents: PendingDocument[];
    try {
      documents = await this.readPendingDocuments(ids);
    } catch (error) {
      this.logger.error({ err: error, collection: this.collection.collectionName }, 'outbox read failed');
      return { published: 0, failed: true };
    }
    if (documents.length === 0) return { published: 0, failed: false };

    // one PRODUCER span per event, child of the context its writer stamped; the
    // message header carries the span on to the consumers (tracing.ts)
    const events = documents.flatMap((pending) => pending.events);
    const spans = events.map(({ topic, envelope }) => startPublishSpan(topic, envelope));
    const traced = events.map((event, index) => {
      const traceparent = currentTraceparent(trace.setSpan(ROOT_CONTEXT, spans[index]));
      return traceparent ? { ...event, headers: { [TRACEPARENT_HEADER]: traceparent } } : event;
    });
    try {
      if (traced.length > 0) await this.producer.publish(traced);
      for (const span of spans) endSpan(span);
    } catch (error) {
      for (const span of spans) endSpan(span, error);
      this.logger.error(
        { err: error, collection: this.collection.collectionName, documents: documents.length },
        'outbox publish failed; will retry',
      );
      return { published: 0, failed: true };
    }

    try {
      await this.removePublished(documents);
    } catch (error) {
      this.logger.error(
        { err: error, collection: this.collection.collectionName, documents: documents.length },
        'outbox removal failed; the entries will be published again',
      );
      return { published: 0, failed: true };
    }
    return { published: events.length, failed: false };
  }

  /**
   * Empties the outboxes and drops the marks of the documents that hold
   * exactly the entries read (the usual case), all in one bulk write under
   * the documents' write claims; when one did not match, entries were pushed
   * meanwhile, and a second bulk write pulls just the published ones from
   * every document (nothing where the first emptied it), leaving them marked.
   */
  private async removePublished(documents: readonly PendingDocument[]): Promise<void> {
    // the driver's types cannot express these operators on fields the schema type may not declare
    const emptied = await this.collection.bulkWrite(
      documents.map((pending) => ({
        updateOne: {
          filter: {
            _id: pending._id,
            ...(pending.storedEntries.length > 0
              ? { [OUTBOX_FIELD]: pending.storedEntries }
              : { $nor: [{ [`${OUTBOX_FIELD}.0`]: { $exists: true } }] }), // not $or: write guards add their own
          } as Filter<TSchema>,
          update: { $set: { [OUTBOX_FIELD]: [] }, $unset: { [OUTBOX_PENDING_FIELD]: '' } } as unknown as UpdateFilter<TSchema>,
        },
      })),
      { ordered: false },
    );
    const withEntries = documents.filter((pending) => pending.storedEntries.length > 0);
    if (emptied.matchedCount >= documents.length || withEntries.length === 0) return;
    await this.collection.bulkWrite(
      withEntries.map((pending) => ({
        updateOne: {
          filter: { _id: pending._id } as Filter<TSchema>,
          update: { $pullAll: { [OUTBOX_FIELD]: pending.storedEntries } } as unknown as UpdateFilter<TSchema>,
        },
      })),
      { ordered: false },
    );
  }

  /** The entries of these documents as stored now, documents in `_id` order. */
  private async readPendingDocuments(ids: unknown[]): Promise<PendingDocument[]> {
    const rows = await this.collection
      .find({ ...PENDING_FILTER, _id: { $in: ids } } as Filter<TSchema>, { projection: { [OUTBOX_FIELD]: 1 }, sort: { _id: 1 } })
      .toArray();
    const documents: PendingDocument[] = [];
    for (const row of rows) {
      const stored: unknown = row[OUTBOX_FIELD];
      const storedEntries: Document[] = Array.isArray(stored) ? stored : [];
      try {
        documents.push({ _id: row._id, storedEntries, events: storedEntries.map(toAddressedEvent) });
      } catch (error) {
        // Left in place: the document is skipped until someone repairs the entry.
        this.logger.error(
          { err: error, collection: this.collection.collectionName, documentId: row._id, reason: errorMessage(error) },
          'invalid outbox entry; document skipped',
        );
      }
    }
    return documents;
  }
}

function toAddressedEvent(stored: unknown): AddressedEvent {
  if (typeof stored !== 'object' || stored === null) throw new Error('outbox entry is not an object');
  const { topic, _id: _mongooseId, ...envelope } = stored as { topic?: unknown; _id?: unknown };
  if (typeof topic !== 'string' || topic.length === 0) throw new Error('outbox entry has no topic');
  const { type } = envelope as { type?: unknown };
  if (typeof type !== 'string') throw new Error('outbox entry has no type');
  return { topic, envelope: validateEnvelope(getEventDefinition(type), envelope) as EventEnvelope };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
