import { Injectable } from '@nestjs/common';
import { ConflictError } from '@steward/errors';
import { retry, RetryPolicies } from '@steward/persistence';
import { BackgroundTasks, InjectLogger, type Logger } from '@steward/service-kit';
import { OrgUnitRepository, SYSTEM_SCOPE, type Rebase } from '../persistence/org-unit.repository';
import type { OrgUnitDocument } from '../persistence/org-unit.schema';
import { withDefaults, stateEventOf } from '../events/org-unit.state';
import { ancestorsUnder, needsRebase } from '../domain/org-rules';

const CHUNK = 200;

/**
 * Brings the `ancestors` of every unit below a moved unit in line with the
 * parent links, publishing each changed unit's new state.
 *
 * FerretDB has no multi-document transactions, so a move is not one write.
 * The move itself is one guarded update of the moved unit that also records a
 * `pendingMove` marker; then each descendant gets its own guarded update with
 * its own outbox entry, top-down, level by level, each computed from its
 * parent's stored state. That step is idempotent (a unit whose ancestors
 * already match is skipped, so nothing is published twice for it), and the
 * marker is cleared only after the last level. A crash in between leaves the
 * marker; the same move retried, or the repair at the next start, walks the
 * subtree again and finishes it. Parent links, not ancestors, are the truth
 * the walk follows, so it also fixes units created under a half-moved subtree.
 */
@Injectable()
export class AncestorPropagation {
  constructor(
    private readonly repository: OrgUnitRepository,
    tasks: BackgroundTasks,
    @InjectLogger() private readonly logger: Logger,
  ) {
    tasks.register({
      name: 'org:pending-moves',
      phase: 'consumers',
      start: () => this.repairPendingMoves(),
      stop: async () => undefined,
    });
  }

  /** Finishes moves a crash left half-propagated; a failure is logged and left for the next start or retry. */
  async repairPendingMoves(): Promise<void> {
    try {
      const pending = await this.repository.findPendingMoves(SYSTEM_SCOPE);
      pending.sort((a, b) => (a.pendingMove?.at.getTime() ?? 0) - (b.pendingMove?.at.getTime() ?? 0));
      for (const unit of pending) {
        if (!unit.pendingMove) continue;
        const rebased = await this.propagate(unit._id, unit.pendingMove.id);
        this.logger.warn({ unitId: unit._id, moveId: unit.pendingMove.id, rebased }, 'finished an interrupted move');
      }
    } catch (error) {
      this.logger.error({ err: error }, 'repairing interrupted moves failed; a retry of the move finishes it');
    }
  }

  /** Walks the subtree of `rootId` top-down; returns how many units got new ancestors. */
  async propagate(rootId: string, moveId: string): Promise<number> {
    const root = await this.repository.findById(rootId, SYSTEM_SCOPE);
    if (!root) return 0;
    let frontier: OrgUnitDocument[] = [root];
    let rebased = 0;
    while (frontier.length > 0) {
      const parents = new Map(frontier.map((unit) => [unit._id, unit]));
      const next: OrgUnitDocument[] = [];
      for (let start = 0; start < frontier.length; start += CHUNK) {
        const children = await this.repository.findChildren(
          frontier.slice(start, start + CHUNK).map((unit) => unit._id),
          SYSTEM_SCOPE,
        );
        for (let offset = 0; offset < children.length; offset += CHUNK) {
          const result = await this.rebaseChunk(children.slice(offset, offset + CHUNK), parents, rootId);
          next.push(...result.units);
          rebased += result.rebased;
        }
      }
      frontier = next;
    }
    await this.repository.clearPendingMove(rootId, moveId);
    return rebased;
  }

  /** Rebases one chunk of siblings-or-cousins; re-reads and retries the units someone changed meanwhile. */
  private async rebaseChunk(
    children: OrgUnitDocument[],
    parents: Map<string, OrgUnitDocument>,
    movedUnitId: string,
  ): Promise<{ units: OrgUnitDocument[]; rebased: number }> {
    const settled = new Map<string, OrgUnitDocument>();
    let current = children;
    let rebased = 0;
    let lost: Rebase[] = [];
    const planned = new Map<string, OrgUnitDocument>();
    const done = await retry(
      RetryPolicies.CONCURRENT_WRITE,
      async (attempt) => {
        if (attempt > 1) {
          // which guards matched is not reported per update: re-read them all; the ones done now need nothing
          const reread = await this.repository.findByIds(
            lost.map((r) => r.id),
            SYSTEM_SCOPE,
          );
          rebased += reread.filter((doc) => planned.get(doc._id)?.version === doc.version).length;
          current = reread;
        }
        const rebases: Rebase[] = [];
        planned.clear();
        for (const child of current) {
          const stored = child.parentId ? parents.get(child.parentId) : undefined;
          const parent = stored && { id: stored._id, ancestors: stored.ancestors };
          // a unit moved elsewhere meanwhile belongs to that other move's walk
          if (!parent || !needsRebase(child, parent)) {
            settled.set(child._id, child);
            continue;
          }
          const updated = { ...withDefaults(child), ancestors: ancestorsUnder(parent), version: child.version + 1 };
          planned.set(child._id, updated);
          rebases.push({
            id: child._id,
            expectedVersion: child.version,
            ancestors: updated.ancestors,
            change: { version: updated.version, at: new Date(), action: 'ANCESTOR_MOVED', movedUnitId },
            event: stateEventOf(updated),
          });
        }
        const matched = await this.repository.rebase(rebases);
        if (matched !== rebases.length) {
          lost = rebases;
          return false;
        }
        for (const unit of planned.values()) settled.set(unit._id, unit);
        rebased += matched;
        return true;
      },
      { retryIf: (allMatched) => !allMatched },
    );
    if (!done) {
      throw new ConflictError(`Units below ${movedUnitId} kept changing during the move; retry the move to finish it`, { id: movedUnitId });
    }
    return { units: [...settled.values()], rebased };
  }
}
