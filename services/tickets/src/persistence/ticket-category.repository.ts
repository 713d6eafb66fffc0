import { isDuplicateKeyError } from '@steward/persistence';
import { Schema, type Connection, type Model } from 'mongoose';
import type { CategoryVersion, FieldDefinition } from '../domain/category-fields';

/** One version of a category: inserted once, never updated (`_id` = `<code>@<version>`). */
export interface TicketCategoryDocument {
  _id: string;
  code: string;
  version: number;
  name: string;
  nameEn: string;
  examples: string[];
  active: boolean;
  fields: FieldDefinition[];
  /** null for version 1 stored from categories.json */
  createdAt: Date | null;
  createdBy: string | null;
}

export const ticketCategorySchema: Schema<TicketCategoryDocument> = new Schema<TicketCategoryDocument>(
  {
    _id: { type: String, required: true },
    code: { type: String, required: true },
    version: { type: Number, required: true },
    name: { type: String, required: true },
    nameEn: { type: String, required: true },
    examples: { type: [String], default: () => [] },
    active: { type: Boolean, required: true },
    fields: { type: Schema.Types.Mixed, default: () => [] },
    createdAt: { type: Date, default: null },
    createdBy: { type: String, default: null },
  },
  { collection: 'ticket_categories', versionKey: false },
);
ticketCategorySchema.index({ code: 1, version: -1 });

export function categoryVersionId(code: string, version: number): string {
  return `${code}@${version}`;
}

function toVersion(doc: TicketCategoryDocument): CategoryVersion {
  return {
    code: doc.code,
    version: doc.version,
    name: doc.name,
    nameEn: doc.nameEn,
    examples: doc.examples ?? [],
    active: doc.active,
    fields: doc.fields ?? [],
    createdAt: doc.createdAt ?? null,
    createdBy: doc.createdBy ?? null,
  };
}

function toDocument(version: CategoryVersion): TicketCategoryDocument {
  return { _id: categoryVersionId(version.code, version.version), ...version };
}

/**
 * The category versions in the tickets database (`ticket_categories`).
 * Versions are inserted, never changed: a new version is the insert of
 * `<code>@<n+1>`, which fails atomically (duplicate `_id`) on MongoDB and
 * FerretDB alike when another administrator stored that version first, so
 * no write claim is needed. Framework-free, like TicketRepository.
 */
export class TicketCategoryRepository {
  private readonly categories: Model<TicketCategoryDocument>;

  constructor(connection: Connection) {
    this.categories = connection.model<TicketCategoryDocument>('TicketCategory', ticketCategorySchema);
  }

  /** Stores version 1 of every seed category whose code the database lacks (the first start, or a category added to the data); returns the codes stored. */
  async seed(versions: readonly CategoryVersion[]): Promise<string[]> {
    const present = new Set((await this.categories.find({}, { code: 1 }).lean<Pick<TicketCategoryDocument, 'code'>[]>().exec()).map((doc) => doc.code));
    const stored: string[] = [];
    for (const version of versions) {
      if (present.has(version.code)) continue;
      // another instance starting at the same time may store it first: that is the same data
      if (await this.insert(version)) stored.push(version.code);
    }
    return stored;
  }

  /** The latest version of `code`. */
  async current(code: string): Promise<CategoryVersion | undefined> {
    const doc = await this.categories.findOne({ code }).sort({ version: -1 }).lean<TicketCategoryDocument>().exec();
    return doc ? toVersion(doc) : undefined;
  }

  /** The latest version of every category, by code. */
  async currentAll(): Promise<CategoryVersion[]> {
    const latest = new Map<string, TicketCategoryDocument>();
    for (const doc of await this.categories.find({}).lean<TicketCategoryDocument[]>().exec()) {
      const seen = latest.get(doc.code);
      if (!seen || seen.version < doc.version) latest.set(doc.code, doc);
    }
    return [...latest.values()].map(toVersion);
  }

  /** The versions named by `ids` (`<code>@<version>`) that exist. */
  async versions(ids: readonly string[]): Promise<CategoryVersion[]> {
    if (ids.length === 0) return [];
    return (await this.categories.find({ _id: { $in: [...ids] } }).lean<TicketCategoryDocument[]>().exec()).map(toVersion);
  }

  /** Every version of `code`, oldest first. */
  async history(code: string): Promise<CategoryVersion[]> {
    return (await this.categories.find({ code }).sort({ version: 1 }).lean<TicketCategoryDocument[]>().exec()).map(toVersion);
  }

  /** Inserts a version; false when that version of the code exists already (another writer was first). */
  async insert(version: CategoryVersion): Promise<boolean> {
    try {
      await this.categories.create(toDocument(version));
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}
