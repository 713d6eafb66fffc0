// The seed generator is plain CommonJS (tools/ has no build; city.d.cts gives its types); these specs load it as is.
import { generateCity, PROFILES, VILLAGER_GROUP_HEAD, type City, type ProfileName } from './city.cjs';

const generate = (seed: number, profile: ProfileName): City => generateCity({ seed, profile });
const small = generate(7, 'small');
const smallHouseholds = [...small.households()];
const unitsById = new Map(small.units.map((u) => [u._id, u]));
const countBy = <T>(items: T[], key: (item: T) => string) =>
  items.reduce<Record<string, number>>((acc, item) => ({ ...acc, [key(item)]: (acc[key(item)] ?? 0) + 1 }), {});

describe('seed city generator', () => {
  it('gives the same records for the same seed and different ids for another seed', () => {
    const again = generate(7, 'small');
    expect(again.units).toEqual(small.units);
    expect(again.members).toEqual(small.members);
    expect([...again.households()]).toEqual(smallHouseholds);
    const other = generate(8, 'small');
    expect(other.units[5]._id).not.toBe(small.units[5]._id);
  });

  it('reuses the ids of units that already exist with a division code', () => {
    const city = generateCity({ seed: 7, profile: 'tiny', knownIds: { '340522104201': 'existing-taiping' } });
    const taiping = city.units.find((u) => u.code === '340522104201');
    expect(taiping?._id).toBe('existing-taiping');
    expect(city.units.filter((u) => u.parentId === 'existing-taiping').length).toBeGreaterThan(0);
  });

  it('hits the city targets: 6 districts, ~60 townships, ~425 villages, 6955 natural villages, ~5000 grids, ~20k members, 500k households', () => {
    const city = generate(1, 'city');
    const levels = countBy(city.units, (u) => u.level);
    expect(levels).toMatchObject({ CITY: 1, DISTRICT: 6, ADMIN_VILLAGE: PROFILES.city.villages, NATURAL_VILLAGE: PROFILES.city.naturalVillages });
    expect(levels.TOWNSHIP).toBeGreaterThanOrEqual(55);
    expect(levels.TOWNSHIP).toBeLessThanOrEqual(65);
    expect(levels.GRID).toBeGreaterThanOrEqual(4800);
    expect(levels.GRID).toBeLessThanOrEqual(5200);
    expect(city.members.length).toBeGreaterThanOrEqual(18_000);
    expect(city.members.length).toBeLessThanOrEqual(22_000);
    expect(city.householdTotal).toBe(500_000);
  });

  it('builds a consistent tree: levels in order, ancestors = parent path, unique codes, households summed up', () => {
    const parentLevels: Record<string, string[]> = {
      CITY: [], DISTRICT: ['CITY'], TOWNSHIP: ['DISTRICT'], ADMIN_VILLAGE: ['TOWNSHIP'], NATURAL_VILLAGE: ['ADMIN_VILLAGE'], GRID: ['NATURAL_VILLAGE', 'ADMIN_VILLAGE'],
    };
    for (const unit of small.units) {
      const parent = unit.parentId ? unitsById.get(unit.parentId) : undefined;
      expect(parent?.level ?? null).toEqual(parentLevels[unit.level].length ? expect.any(String) : null);
      if (parent) {
        expect(parentLevels[unit.level]).toContain(parent.level);
        expect(unit.ancestors).toEqual([...parent.ancestors, parent._id]);
      }
    }
    const codes = small.units.map((u) => u.code).filter((c): c is string => c !== null);
    expect(new Set(codes).size).toBe(codes.length);
    codes.forEach((code) => expect(code).toMatch(/^\d{12}$/));
    expect(small.units[0].households).toBe(PROFILES.small.households);
  });

  it('keeps the story places, codes and people', () => {
    const city = generate(1, 'city');
    const byName = (name: string) => city.units.find((u) => u.name === name);
    expect(byName('太平村')?.code).toBe('340522104201');
    expect(byName('华阳社区')?.code).toBe('340523100001');
    expect(byName('太平村')?.partyOrg).toMatchObject({ kind: 'GENERAL_BRANCH', secretaryName: '汤自迁' });
    expect(byName('八卦村第十网格')?.partyOrg?.secretaryName).toBe('吴大敏');
    expect(byName('大许村第六网格')?.partyOrg?.secretaryName).toBe('刘如春');
    expect(city.members.some((m) => m.name === '汤晓琴' && m.assignments.some((a) => a.role === 'GRID_LEADER'))).toBe(true);
  });

  it('respects the role rules: instructors are party members, assistants are not, each role on a unit of its level', () => {
    const roleLevels: Record<string, string[]> = {
      GRID_LEADER: ['GRID'], GRID_MEMBER: ['GRID'], GRID_INSTRUCTOR: ['GRID'], GRID_ASSISTANT: ['GRID'], VILLAGE_SECRETARY: ['ADMIN_VILLAGE'],
      VILLAGE_STAFF: ['ADMIN_VILLAGE'], TOWNSHIP_DISPATCHER: ['TOWNSHIP'], HOTLINE_OPERATOR: ['CITY', 'DISTRICT', 'TOWNSHIP'],
      ADMIN: ['CITY', 'DISTRICT', 'TOWNSHIP', 'ADMIN_VILLAGE', 'NATURAL_VILLAGE', 'GRID'],
    };
    for (const member of small.members) {
      for (const a of member.assignments) {
        const unit = unitsById.get(a.unitId);
        expect(roleLevels[a.role]).toContain(unit?.level);
        expect(a.orgPath).toEqual([...(unit?.ancestors ?? []), a.unitId]);
        if (a.role === 'GRID_INSTRUCTOR' || a.role === 'GRID_LEADER' || a.role === 'VILLAGE_SECRETARY') expect(member.isPartyMember).toBe(true);
        if (a.role === 'GRID_ASSISTANT') expect(member.isPartyMember).toBe(false);
        if (a.to !== null) expect(Date.parse(a.to)).toBeGreaterThan(Date.parse(a.from));
      }
    }
    const grids = small.units.filter((u) => u.level === 'GRID');
    const active = small.members.flatMap((m) => m.assignments.filter((a) => a.to === null));
    for (const grid of grids) {
      const here = active.filter((a) => a.unitId === grid._id);
      expect(here.filter((a) => a.role === 'GRID_LEADER')).toHaveLength(1);
      expect(here.filter((a) => a.role === 'GRID_INSTRUCTOR' || a.role === 'GRID_ASSISTANT').length).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(small.members.map((m) => m.phone)).size).toBe(small.members.length);
    small.members.forEach((m) => expect(m.phone).toMatch(/^1[3-9]\d{9}$/));
  });

  it('makes about a third of villager-group heads (村民组长) party members, as the story says (33.6%)', () => {
    const city = generate(1, 'city');
    const heads = city.members.filter((m) => m.skills.includes(VILLAGER_GROUP_HEAD));
    expect(heads.length).toBeGreaterThan(6000);
    const share = heads.filter((m) => m.isPartyMember).length / heads.length;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.37);
  });

  it('puts households under grids with their path and realistic tags', () => {
    expect(smallHouseholds).toHaveLength(PROFILES.small.households);
    for (const h of smallHouseholds.slice(0, 2000)) {
      expect(unitsById.get(h.gridId)?.level).toBe('GRID');
      expect(h.orgPath).toEqual([...(unitsById.get(h.gridId)?.ancestors ?? []), h.gridId]);
      if (h.tags.includes('ELDERLY_ALONE')) expect(h.size).toBe(1);
    }
    const tagged = (tag: string) => smallHouseholds.filter((h) => h.tags.includes(tag)).length / smallHouseholds.length;
    expect(tagged('POOR')).toBeGreaterThan(0.02);
    expect(tagged('POOR')).toBeLessThan(0.04);
    expect(tagged('ELDERLY_ALONE')).toBeGreaterThan(0.04);
    expect(new Set(smallHouseholds.map((h) => h._id)).size).toBe(smallHouseholds.length);
  });
});
