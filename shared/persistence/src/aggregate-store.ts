import { inScope, type OrgScope } from '@steward/auth';
import { ConflictError, ForbiddenError } from '@steward/errors';
import { isDuplicateKeyError, outboxFields, type EventEnvelope } from '@steward/events';
import type { Collection, Document } from 'mongodb';
import type { Model, ProjectionType, QueryFilter, UpdateQuery } from 'mongoose';
import { findKeysetPage, type KeysetPageRequest } from './keyset-page';
import { Outbox } from './outbox';
import { scoped } from './scope';
import { VERSION_FIELD, versionedUpdate, type VersionedChange } from './versioned-update';

/**
 * Why the writes of one document need serialising on FerretDB (its `updateOne`
 * is a read and a separate write): see service-kit's document-locks.ts.
 * `DocumentLocks` (one writing instance) and `WriteClaims` (several) fit these.
 */
export interface DocumentLock {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  runAll<T>(keys: readonly string[], work: () => Promise<T>): Promise<T>;
  guard<TSchema extends Document>(collection: Collection<TSchema>): Collection<TSchema>;
}

export interface RevisionClaims {
  withClaim<T>(id: string, rev: number, write: () => Promise<T>): Promise<T>;
  guard<TSchema extends Document>(collection: Collection<TSchema>): Collection<TSchema>;
}

/** WriteClaims claim the write revision kept in this field (and the relay's guarded removal moves it). */
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
  /** serialises the writes of one document within this process */
  locks?: DocumentLock;
  /** serialises them across processes by their write revision (needs `versionField: 'rev'`) */
  claims?: RevisionClaims;
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
 * the caller's OrgScope, inserts and version-checked saves that carry the
 * aggregate's events in the same single-document write (the outbox), run
 * under the document's lock or claim, and a kick of the outbox relay after a
 * write that queued events.
 */
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
    if (options.locks && options.claims) throw new Error(`${this.name}: a store takes locks or claims, not both`);
    this.versionField = options.versionField ?? VERSION_FIELD;
    if (options.claims && this.versionField !== REVISION_FIELD) {
      throw new Error(`${this.name}: write claims guard the '${REVISION_FIELD}' field, not '${this.versionField}'`);
    }
    this.scopeField = options.scopeField ?? 'orgPath';
    this.outbox = new Outbox(model.collection as unknown as Collection, options.locks ?? options.claims);
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
  page(filter: QueryFilter<TDoc>, scope: OrgScope, page: KeysetPageRequest): Promise<{ rows: TDoc[]; total: number }> {
    return findKeysetPage(this.model, this.scoped(filter, scope), page);
  }

  /** One document; null when unknown, FORBIDDEN when it lies outside `scope`. */
  async findById(id: string, scope: OrgScope, projection?: ProjectionType<TDoc>): Promise<TDoc | null> {
    return this.visible(await this.model.findById(id, projection).lean<TDoc>().exec(), scope);
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

  /** Inserts a new aggregate with its events in one write. */
  async insert(doc: Partial<TDoc> & { _id: string }, events: readonly EventEnvelope[] = []): Promise<void> {
    try {
      await this.lockedRun(doc._id, () => this.model.create({ ...doc, ...outboxFields(events) }));
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

  /** Writes `change` guarded by the version read; the store's conflict error (CONFLICT) when someone changed the document since. */
  async save(change: VersionedChange): Promise<void> {
    if (!(await this.trySave(change))) throw this.conflict(change.id, change.expected);
  }

  /** Like `save`; false, changing nothing, when the document is no longer at the version read (or another writer holds it). */
  async trySave(change: VersionedChange): Promise<boolean> {
    const { filter, update } = versionedUpdate(this.versionField, change);
    let matched: boolean;
    try {
      const write = () => this.model.updateOne(filter as QueryFilter<TDoc>, update as UpdateQuery<TDoc>).exec();
      const result = this.options.claims
        ? await this.options.claims.withClaim(change.id, change.expected, write)
        : await this.lockedRun(change.id, write);
      matched = result.matchedCount > 0;
    } catch (error) {
      // the claim of the revision is held by another writer: the same lost race as an unmatched guard
      if (this.options.claims && error instanceof ConflictError) return false;
      throw this.domainError(error, change.set ?? {});
    }
    if (matched && (change.events?.length ?? 0) > 0) this.outbox.kick();
    return matched;
  }

  /** Runs `work` (e.g. one bulkWrite of several documents) holding the locks of all `ids`. */
  lockedRunAll<T>(ids: readonly string[], work: () => Promise<T>): Promise<T> {
    return this.options.locks ? this.options.locks.runAll(ids, work) : work();
  }

  /** Runs `work` holding the document's lock (nothing to hold with claims: they guard by revision). */
  lockedRun<T>(id: string, work: () => Promise<T>): Promise<T> {
    return this.options.locks ? this.options.locks.run(id, work) : work();
  }

  conflict(id: string, expected: number): Error {
    if (this.options.conflict) return this.options.conflict(id, expected);
    const field = this.versionField;
    return new ConflictError(`${this.name} ${id} was changed by someone else; reload and retry`, {
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
