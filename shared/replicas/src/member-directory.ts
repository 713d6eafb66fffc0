import type { EventDataOf, memberState } from '@steward/events';

export type MemberSnapshot = EventDataOf<typeof memberState>;

export interface MemberLookup {
  get(id: string): MemberSnapshot | undefined;
  entries(): IterableIterator<[string, MemberSnapshot]>;
}

/** Who holds which role where, on a given date, from a local replica of the members topic. */
export class MemberDirectory {
  constructor(private readonly members: MemberLookup) {}

  member(id: string): MemberSnapshot | undefined {
    return this.members.get(id);
  }

  /**
   * Roles the member holds on `unitId` at `at` (assignment from ≤ at < to).
   * Answers past dates too: the member's status today does not matter, since
   * the members service lets nobody become INACTIVE before every assignment
   * has ended, so an inactive member holds nothing from then on.
   */
  rolesAt(memberId: string, unitId: string, at: Date): string[] {
    const member = this.members.get(memberId);
    if (!member) return [];
    const time = at.getTime();
    return member.assignments
      .filter(
        (a) =>
          a.orgUnitId === unitId &&
          Date.parse(a.from) <= time &&
          (a.to === null || a.to === undefined || Date.parse(a.to) > time),
      )
      .map((a) => a.role);
  }

  /** Who holds which role on `unitId` at `at` (a scan of the replica: for notices, not for every request). */
  holdersOn(unitId: string, at: Date): { memberId: string; role: string }[] {
    const holders: { memberId: string; role: string }[] = [];
    for (const [memberId] of this.members.entries()) {
      for (const role of this.rolesAt(memberId, unitId, at)) holders.push({ memberId, role });
    }
    return holders;
  }
}
