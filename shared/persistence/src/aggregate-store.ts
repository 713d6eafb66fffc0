import { inScope, type OrgScope } from '@steward/auth';
import { ConflictError, ForbiddenError } from '@steward/errors';
import { isDuplicateKeyError, outboxFields, refusedDuplicates, type EventEnvelope } from '@steward/events';
import type { Collection, Db } from 'mongodb';
import type { Model, ProjectionType, QueryFilter, UpdateQuery } from 'mongoose';
import { inKeyOrder, type BatchResult } from './key-order';
import { findKeysetPage, type KeysetPageRequest, type LazyCount } from './keyset-page';
import { Outbox } from './outbox';
import { scoped } from './scope';
import { VERSION_FIELD, versionedUpdate, type VersionedChange } from './versioned-update';
import { ClaimBusyError, claimedUpdates, claimKey, type WriteClaims } from './write-claims';
import { writeClaimsOf } from './write-claims-mode';

/**
 * A write revision: the version field of aggregates that change without an
 * aggregate step too (tickets' re-paths and backfills, which move no event
 * version), kept beside the aggregate `version`. Compliance verdicts keep it
 * as well (see the README, "Version fields").
 */
export const REVISION_FIELD = 'rev';

export interface AggregateStoreOptions<TDoc> {
  /** names the aggregate in errors; default the model's name, e.g. 'Member' */
  name?: string;
  /** the field a save is guarded by and moves on; default `version` (see VERSION_FIELD) */
  versionField?: string;
  /** the placement field list reads are scoped by; default `orgPath` */
  scopeField?: string;
  /** the unit paths that place a document, for reads of one document; default the `scopeField` value */
  pathsOf?: (doc: TDoc) => readonly string[];
  /** the error for one document outside the caller's scope; default FORBIDDEN naming it */
  forbidden?: (doc: TDoc) => Error;
  /** the write claims of the store's database; default the connection's (`writeClaimsOf`), resolved at the first write */
  claims?: WriteClaims;
  /**
   * A unique index (other than `_id`) the domain names: its violation on an
   * insert or save becomes `error(fields written)` instead of the driver's.
   */
  uniqueIndex?: { index?: string; error: (fields: Record<string, unknown>) => Error };
  /** the error of a save that matched nothing; default CONFLICT naming the aggregate */
  conflict?: (id: string, expected: number) => Error;
}

/**
 * The data access every aggregate repository builds on: reads restricted to
 * the caller's OrgScope, inserts and version-checked saves (a compare-and-set
 * on the version field) that carry the aggregate's events in the same
 * single-document write (the outbox), under the document's write claim where
 * the database needs one (FerretDB, see write-claims.ts), and a kick of the
 * outbox relay after a write that queued events. The relay's removals take
 * the same claims (`outbox.relayCollection()`).
 */
/**
 * The version-guarded write matched nothing: another writer changed the
 * document after it was read (CONFLICT). A caller that named no version of its
 * own may read again, check again and decide again; rule refusals are other
 * ConflictErrors and are not retried.
 */
export class StaleWriteError extends ConflictError {}

export class AggregateStore<TDoc extends { _id: string }> {
  readonly outbox: Outbox;
  readonly versionField: string;
  private readonly name: string;
  private readonly scopeField: string;

  constructor(
    readonly model: Model<TDoc>,
    private readonly options: AggregateStoreOptions<TDoc> = {},
  ) {
    this.name = options.name ?? model.modelName;
    this.versionField = options.versionField ?? VERSION_FIELD;
    this.scopeField = options.scopeField ?? 'orgPath';
    this.outbox = new Outbox(model.collection as unknown as Collection, { guard: (collection) => claimedUpdates(collection, () => this.claims) });
  }

  /** The write claims of the store's database (the connection must be open). */
  get claims(): WriteClaims {
    if (this.options.claims) return this.options.claims;
    const db = this.model.db.db as Db | undefined;
    if (!db) throw new Error(`${this.name}: the database connection is not open yet`);
    return writeClaimsOf(db);
  }

  /** `filter` restricted to what `scope` may read. */
  scoped(filter: QueryFilter<TDoc>, scope: OrgScope): QueryFilter<TDoc> {
    return scoped(filter, scope, this.scopeField);
  }

  /** The documents matching `filter` that `scope` may read (a query: sort, limit, lean it). */
  find(filter: QueryFilter<TDoc>, scope: OrgScope, projection?: ProjectionType<TDoc>) {
    return this.model.find(this.scoped(filter, scope), projection);
  }

  /** One keyset page of the documents matching `filter` that `scope` may read; `total` counts only those. */
  page(filter: QueryFilter<TDoc>, scope: OrgScope, page: KeysetPageRequest): Promise<{ rows: TDoc[]; total: LazyCount }> {
    return findKeysetPage(this.model, this.scoped(filter, scope), page);
  }

  /** One document; null when unknown, FORBIDDEN when it lies outside `scope`. */
  async findById(id: string, scope: OrgScope, projection?: ProjectionType<TDoc>): Promise<TDoc | null> {
    return this.visible(await this.model.findById(id, projection).lean<TDoc>().exec(), scope);
  }

  /**
   * The documents of `ids` in one `$in` query, each as `findById` answers it,
   * in the ids' order: null when unknown, the FORBIDDEN error (returned, not
   * thrown) for one outside `scope`. For batched entity references.
   */
  async findByIds(ids: readonly string[], scope: OrgScope, projection?: ProjectionType<TDoc>): Promise<BatchResult<TDoc>[]> {
    const docs = await this.model.find({ _id: { $in: [...ids] } } as QueryFilter<TDoc>, projection).lean<TDoc[]>().exec();
    return inKeyOrder(ids, docs, (doc) => this.visible(doc, scope) as TDoc);
  }

  /** The document matching `filter` (a unique key); null when none, FORBIDDEN when it lies outside `scope`. */
  async findOne(filter: QueryFilter<TDoc>, scope: OrgScope, projection?: ProjectionType<TDoc>): Promise<TDoc | null> {
    return this.visible(await this.model.findOne(filter, projection).lean<TDoc>().exec(), scope);
  }

  /** `doc` itself, FORBIDDEN when `scope` may not read it. */
  visible(doc: TDoc | null, scope: OrgScope): TDoc | null {
    if (doc && !inScope(scope, this.pathsOf(doc))) {
      throw this.options.forbidden?.(doc) ?? new ForbiddenError(`${this.name} ${doc._id} lies outside your units (超出管辖范围)`);
    }
    return doc;
  }

  /** Inserts a new aggregate with its events in one write (an insert is atomic: it takes no claim). */
  async insert(doc: Partial<TDoc> & { _id: string }, events: readonly EventEnvelope[] = []): Promise<void> {
    try {
      await this.model.create({ ...doc, ...outboxFields(events) });
    } catch (error) {
      throw this.domainError(error, doc);
    }
    if (events.length > 0) this.outbox.kick();
  }

  /** Like `insert`; false, writing nothing, when a document with that `_id` (or unique key) exists. */
  async tryInsert(doc: Partial<TDoc> & { _id: string }, events: readonly EventEnvelope[] = []): Promise<boolean> {
    try {
      await this.insert(doc, events);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /**
   * Inserts new aggregates, each with its events, in ONE unordered insert
   * (each document is written on its own, atomically, as by `insert`).
   * Returns the `_id`s refused because a document with that `_id` (or
   * unique key) exists; the others are written.
   */
  async tryInsertAll(docs: readonly { doc: Partial<TDoc> & { _id: string }; events?: readonly EventEnvelope[] }[]): Promise<Set<string>> {
    if (docs.length === 0) return new Set();
    let refused = new Set<number>();
    try {
      await this.model.insertMany(
        docs.map(({ doc, events }) => ({ ...doc, ...outboxFields(events ?? []) })),
        { ordered: false },
      );
    } catch (error) {
      const duplicates = refusedDuplicates(error);
      if (!duplicates) throw error;
      refused = duplicates;
    }
    if (docs.some(({ events }, i) => !refused.has(i) && (events?.length ?? 0) > 0)) this.outbox.kick();
    return new Set([...refused].map((i) => docs[i].doc._id));
  }

  /**
   * Writes several changes, each guarded by the version its document was read
   * at, in ONE unordered `bulkWrite` under the claims of all the documents
   * (taken in sorted order, where the database needs them). Returns how many
   * matched (0 when another writer held one of them beyond the wait); the
   * others' documents moved on since they were read, and the caller reads
   * them again to find out which.
   */
  async trySaveAll(changes: readonly VersionedChange[]): Promise<number> {
    if (changes.length === 0) return 0;
    const ids = changes.map((change) => change.id);
    if (new Set(ids).size !== ids.length) throw new Error(`${this.name}: trySaveAll takes one change per document`);
    const operations = changes.map((change) => {
      const { filter, update } = versionedUpdate(this.versionField, change);
      return { updateOne: { filter, update } };
    }) as Parameters<Model<TDoc>['bulkWrite']>[0];
    let matched: number;
    try {
      matched = (await this.claimedRunAll(ids, () => this.model.bulkWrite(operations, { ordered: false }))).matchedCount;
    } catch (error) {
      if (error instanceof ClaimBusyError) return 0;
      throw this.domainError(error, {});
    }
    if (matched > 0 && changes.some((change) => (change.events?.length ?? 0) > 0)) this.outbox.kick();
    return matched;
  }

  /**
   * Writes `change` guarded by the version read: the store's conflict error
   * (CONFLICT) when someone changed the document since, ClaimBusyError
   * (CONFLICT, "being changed by someone else; retry") when another writer
   * held it for longer than a writer waits.
   */
  async save(change: VersionedChange): Promise<void> {
    if (!(await this.write(change))) throw this.conflict(change.id, change.expected);
  }

  /** Like `save`; false, changing nothing, when the document is no longer at the version read (or another writer holds it). */
  async trySave(change: VersionedChange): Promise<boolean> {
    try {
      return await this.write(change);
    } catch (error) {
      if (error instanceof ClaimBusyError) return false;
      throw error;
    }
  }

  /** Runs `work` (e.g. one bulkWrite of several documents) holding the claims of all `ids`, taken in sorted order. */
  claimedRunAll<T>(ids: readonly string[], work: () => Promise<T>): Promise<T> {
    return this.claims.run(
      ids.map((id) => this.claimKey(id)),
      work,
    );
  }

  /** Runs `work` (one write of the document other than `save`) holding the document's claim. */
  claimedRun<T>(id: string, work: () => Promise<T>): Promise<T> {
    return this.claimedRunAll([id], work);
  }

  /** ONE version-filtered updateOne (the compare-and-set) under the document's claim; true when it matched. */
  private async write(change: VersionedChange): Promise<boolean> {
    const { filter, update } = versionedUpdate(this.versionField, change);
    let matched: boolean;
    try {
      const result = await this.claimedRun(change.id, () => this.model.updateOne(filter as QueryFilter<TDoc>, update as UpdateQuery<TDoc>).exec());
      matched = result.matchedCount > 0;
    } catch (error) {
      throw this.domainError(error, change.set ?? {});
    }
    if (matched && (change.events?.length ?? 0) > 0) this.outbox.kick();
    return matched;
  }

  private claimKey(id: string): string {
    return claimKey(this.model.collection.collectionName, id);
  }

  conflict(id: string, expected: number): Error {
    if (this.options.conflict) return this.options.conflict(id, expected);
    const field = this.versionField;
    return new StaleWriteError(`${this.name} ${id} was changed by someone else; reload and retry`, {
      id,
      [`expected${field[0].toUpperCase()}${field.slice(1)}`]: expected,
    });
  }

  private pathsOf(doc: TDoc): readonly string[] {
    if (this.options.pathsOf) return this.options.pathsOf(doc);
    const paths = (doc as Record<string, unknown>)[this.scopeField];
    return Array.isArray(paths) ? (paths as string[]) : [];
  }

  private domainError(error: unknown, fields: Record<string, unknown>): unknown {
    const unique = this.options.uniqueIndex;
    return unique && isDuplicateKeyError(error, { index: unique.index }) ? unique.error(fields) : error;
  }
}
