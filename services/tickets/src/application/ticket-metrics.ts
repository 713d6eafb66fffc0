import type { OrgTree } from '@steward/replicas';
import { cachedFor } from '@steward/service-kit/core';
import { Gauge } from 'prom-client';
import type { TicketRepository } from '../persistence/ticket.repository';

const CACHE_MS = 30_000;

interface TownshipFigures {
  byStatus: Map<string, number>;
  overdue: number;
}

/**
 * `steward_tickets_open{township, status}` and `steward_tickets_overdue{township}`:
 * the open tickets (reported, accepted, dispatched, in progress) and those
 * marked overdue, per township (乡镇; `none` for a ticket above one), read
 * when scraped from the open tickets only (three indexed fields each) and
 * cached for 30 s. Instances of tickets report the same figures: use max().
 */
export function registerTicketMetrics(repository: TicketRepository, orgTree: OrgTree): void {
  const townshipOf = (path: readonly string[]) => path.find((id) => orgTree.unit(id)?.level === 'TOWNSHIP') ?? 'none';
  const read = async () => {
    const figures = new Map<string, TownshipFigures>();
    for await (const row of repository.openTicketRows()) {
      const township = townshipOf(row.orgPath);
      const entry = figures.get(township) ?? { byStatus: new Map<string, number>(), overdue: 0 };
      entry.byStatus.set(row.status, (entry.byStatus.get(row.status) ?? 0) + 1);
      if (row.overdue) entry.overdue += 1;
      figures.set(township, entry);
    }
    return figures;
  };
  const figures = cachedFor(CACHE_MS, read);
  new Gauge({
    name: 'steward_tickets_open',
    help: 'Open tickets (工单: reported, accepted, dispatched, in progress) by township (乡镇) and status',
    labelNames: ['township', 'status'] as const,
    async collect() {
      this.reset();
      for (const [township, entry] of await figures().catch(() => new Map<string, TownshipFigures>())) {
        for (const [status, count] of entry.byStatus) this.set({ township, status }, count);
      }
    },
  });
  new Gauge({
    name: 'steward_tickets_overdue',
    help: 'Open tickets marked overdue (超期) by township (乡镇)',
    labelNames: ['township'] as const,
    async collect() {
      this.reset();
      for (const [township, entry] of await figures().catch(() => new Map<string, TownshipFigures>())) this.set({ township }, entry.overdue);
    },
  });
}
