import { BadUserInputError, ConflictError } from '@steward/errors';
import { MAX_CATEGORIES, versionProblems, type CategoryDefinition, type CategoryVersion } from '../domain/category-fields';
import { categoryVersionId, type TicketCategoryRepository } from '../persistence/ticket-category.repository';

/** How long the list of current versions (ticketCategories, Open311's services) may be served from memory. */
export const CATEGORY_LIST_CACHE_MS = 2_000;

/**
 * The category catalogue as the tickets database holds it, for every
 * instance of the service (read-through, no event):
 *
 * - a report is checked against the category's current version read from
 *   the database at that moment, so a version stored through any instance
 *   applies to the next report on every instance;
 * - the list of current versions is kept at most CATEGORY_LIST_CACHE_MS
 *   (the instance that stored a version drops its copy at once);
 * - a version never changes once stored, so versions read for tickets' views
 *   are kept in memory for good.
 *
 * The first use stores version 1 of the shipped categories (categories.json)
 * that the database lacks. Framework-free, like TicketWriter.
 */
export class CategoryCatalogue {
  private seeded: Promise<void> | null = null;
  private list: { at: number; versions: CategoryVersion[] } | null = null;
  private readonly versionsById = new Map<string, CategoryVersion>();

  constructor(
    private readonly repository: TicketCategoryRepository,
    private readonly seed: readonly CategoryVersion[],
    private readonly clock: () => number = Date.now,
  ) {}

  /** Stores the shipped categories the database lacks; once per process (again after a failure). */
  ready(): Promise<void> {
    this.seeded ??= this.repository.seed(this.seed).then(
      () => undefined,
      (error: unknown) => {
        this.seeded = null;
        throw error;
      },
    );
    return this.seeded;
  }

  /** The current version of `code`, read from the database now. */
  async current(code: string): Promise<CategoryVersion | undefined> {
    await this.ready();
    const found = await this.repository.current(code);
    if (found) this.remember(found);
    return found;
  }

  /** The current version of every category, by code (cached at most CATEGORY_LIST_CACHE_MS). */
  async currentAll(): Promise<CategoryVersion[]> {
    if (this.list && this.clock() - this.list.at < CATEGORY_LIST_CACHE_MS) return this.list.versions;
    await this.ready();
    const versions = (await this.repository.currentAll()).sort((a, b) => a.code.localeCompare(b.code));
    versions.forEach((version) => this.remember(version));
    this.list = { at: this.clock(), versions };
    return versions;
  }

  /** One version of `code`; undefined when it does not exist. */
  async version(code: string, version: number): Promise<CategoryVersion | undefined> {
    return (await this.versions([{ code, version }])).get(categoryVersionId(code, version));
  }

  /** The versions tickets were reported under, by `<code>@<version>`, from memory where already read. */
  async versions(keys: readonly { code: string; version: number }[]): Promise<ReadonlyMap<string, CategoryVersion>> {
    const ids = [...new Set(keys.map((key) => categoryVersionId(key.code, key.version)))];
    const missing = ids.filter((id) => !this.versionsById.has(id));
    if (missing.length > 0) {
      await this.ready();
      (await this.repository.versions(missing)).forEach((version) => this.remember(version));
    }
    return new Map(ids.flatMap((id) => (this.versionsById.has(id) ? [[id, this.versionsById.get(id) as CategoryVersion] as const] : [])));
  }

  /** Every version of `code`, oldest first. */
  async history(code: string): Promise<CategoryVersion[]> {
    await this.ready();
    return this.repository.history(code);
  }

  /**
   * Stores `definition` as the next version of its code (version 1 of a new
   * code). CONFLICT when `expectedVersion` is not the current version (0 or
   * none for a new code), or when another administrator stored the same
   * version first; BAD_USER_INPUT when a field key would change its type,
   * or a new code would pass MAX_CATEGORIES. The definition is checked (its
   * shape and fields) by the caller.
   */
  async define(definition: CategoryDefinition, expectedVersion: number | undefined, actorId: string, now: Date): Promise<CategoryVersion> {
    await this.ready();
    const current = await this.repository.current(definition.code);
    const currentVersion = current?.version ?? 0;
    if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
      throw new ConflictError(
        `类别 ${definition.code} 当前为第 ${currentVersion} 版，不是第 ${expectedVersion} 版 / category ${definition.code} is at version ${currentVersion}, not ${expectedVersion}; reload and retry`,
        { expectedVersion, version: currentVersion },
      );
    }
    if (current) {
      const problems = versionProblems(current, definition);
      if (problems.length > 0) {
        throw new BadUserInputError(
          problems.map((problem) => problem.message).join('; '),
          problems.map((problem) => ({ path: ['input', ...problem.path].join('.'), message: problem.message })),
        );
      }
    } else if ((await this.repository.currentAll()).length >= MAX_CATEGORIES) {
      throw new BadUserInputError(`最多 ${MAX_CATEGORIES} 个类别 / the catalogue holds at most ${MAX_CATEGORIES} categories: retire and reuse is not possible, ask for the limit to be raised`, [
        { path: 'input.code', message: `at most ${MAX_CATEGORIES} categories` },
      ]);
    }
    const next: CategoryVersion = { ...definition, version: currentVersion + 1, createdAt: now, createdBy: actorId };
    if (!(await this.repository.insert(next))) {
      throw new ConflictError(`类别 ${definition.code} 的第 ${next.version} 版刚被他人保存 / version ${next.version} of ${definition.code} was stored by someone else meanwhile; reload and retry`, {
        version: next.version,
      });
    }
    this.remember(next);
    this.list = null;
    return next;
  }

  private remember(version: CategoryVersion): void {
    this.versionsById.set(categoryVersionId(version.code, version.version), version);
  }
}
