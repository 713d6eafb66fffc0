// The city profile: a Ma'anshan-scale org tree, its members with their roles
// and the households of every grid. Pure and deterministic: the same seed and
// profile give the same records (ids included), so loading twice is a no-op.
const { rngFor, stableId, partition } = require('./random.cjs');
const N = require('./names.cjs');

const PROFILES = {
  city: { districts: 6, townships: 60, villages: 425, naturalVillages: 6955, grids: 5000, households: 500_000 },
  small: { districts: 6, townships: 12, villages: 40, naturalVillages: 650, grids: 470, households: 25_000 },
  tiny: { districts: 1, townships: 2, villages: 4, naturalVillages: 20, grids: 14, households: 240 },
};

/** The platform started in March 2017 (story): the validity start of every seeded record. */
const START = Date.parse('2017-03-01T00:00:00+08:00');
const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString();

const CN_DIGITS = '零一二三四五六七八九';
function chineseNumber(n) {
  if (n < 10) return CN_DIGITS[n];
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  return String(n);
}

const MOBILE_PREFIXES = ['133', '135', '136', '137', '138', '150', '151', '152', '158', '159', '180', '181', '186', '187', '188', '189', '177'];
const SKILLS = ['养殖', '种植', '电工', '水利', '法律调解', '医疗卫生', '农机', '电商', '驾驶', '矛盾调解'];
const VILLAGER_GROUP_HEAD = '村民组长';
// Districts with story places first, so the smaller profiles still contain them.
const DISTRICT_ORDER = ['含山县', '博望区', '和县', '花山区', '雨山区', '当涂县'];
const TOWNSHIP_KIND_START = { STREET: 1, TOWN: 100, XIANG: 200 };
const TOWNSHIP_KIND_SUFFIX = { STREET: '街道', TOWN: '镇', XIANG: '乡' };

function personName(rng, surname) {
  const family = surname ?? rng.weighted(N.SURNAMES);
  const given = rng.chance(0.75) ? rng.pick(N.GIVEN) + rng.pick(N.GIVEN) : rng.pick(N.GIVEN);
  return family + given;
}

/** Builds the org units (top-down, so parents always come before children). */
function buildTree(seed, profile, knownIds) {
  const rng = rngFor(seed, 'tree');
  const units = [];
  const storyByTownship = new Map(N.STORY_VILLAGES.map((v) => [v.township, v]));
  const usedNames = new Set();
  const unitId = (code, key) => (code && knownIds[code]) || stableId(seed, 'unit', code ?? key);
  const add = (unit) => {
    units.push(unit);
    return unit;
  };
  const city = add({ _id: unitId(N.CITY.code), code: N.CITY.code, name: N.CITY.name, level: 'CITY', parentId: null, ancestors: [], partyOrg: null });

  const districts = DISTRICT_ORDER.slice(0, profile.districts).map((name) => N.DISTRICTS.find((d) => d.name === name));
  const totalTownshipWeight = districts.reduce((sum, d) => sum + d.townships, 0);
  const townshipCounts = districts.map((d) => Math.max(1, Math.round((d.townships * profile.townships) / totalTownshipWeight)));

  const townships = [];
  districts.forEach((d, di) => {
    const code = `${d.code}000000`;
    const district = add({ _id: unitId(code), code, name: d.name, level: 'DISTRICT', parentId: city._id, ancestors: [city._id], partyOrg: null });
    const known = [...d.known].sort((a, b) => Number(storyByTownship.has(b[0])) - Number(storyByTownship.has(a[0])));
    const usedNo = new Set(known.filter((k) => k[2] !== undefined).map((k) => k[2]));
    const nextNo = { ...TOWNSHIP_KIND_START };
    for (let ti = 0; ti < townshipCounts[di]; ti += 1) {
      let [name, kind, no] = known[ti] ?? [];
      if (!name) {
        kind = 'TOWN';
        do name = `${rng.pick(N.TOWN_SYLLABLES)}${rng.pick(N.TOWN_SYLLABLES)}${TOWNSHIP_KIND_SUFFIX[kind]}`;
        while (usedNames.has(name));
      }
      if (no === undefined) {
        while (usedNo.has(nextNo[kind])) nextNo[kind] += 1;
        no = nextNo[kind];
      }
      usedNo.add(no);
      usedNames.add(name);
      const tcode = `${d.code}${String(no).padStart(3, '0')}000`;
      townships.push(
        add({
          _id: unitId(tcode), code: tcode, name, level: 'TOWNSHIP', parentId: district._id, ancestors: [city._id, district._id], partyOrg: null,
          urban: kind === 'STREET', story: storyByTownship.get(name),
        }),
      );
    }
  });

  const villageCounts = partition(rng, Math.max(profile.villages, townships.length), townships.length, 0.5);
  const villages = [];
  townships.forEach((township, ti) => {
    let villageNo = 201;
    let communityNo = 1;
    for (let vi = 0; vi < villageCounts[ti]; vi += 1) {
      const story = vi === 0 ? township.story : undefined;
      const community = story ? Boolean(story.community) : township.urban;
      let name = story?.name;
      while (!name || usedNames.has(name)) name = `${rng.pick(N.PLACE_HEADS)}${rng.pick(N.TOWN_SYLLABLES)}${community ? '社区' : '村'}`;
      usedNames.add(name);
      const no = community ? communityNo++ : villageNo++;
      const vcode = `${township.code.slice(0, 9)}${String(no).padStart(3, '0')}`;
      const ancestors = [...township.ancestors, township._id];
      villages.push(
        add({
          _id: unitId(vcode), code: vcode, name, level: 'ADMIN_VILLAGE', parentId: township._id, ancestors, community, story,
          partyOrg: { kind: story?.kind ?? (rng.chance(0.4) ? 'GENERAL_BRANCH' : 'BRANCH'), name: '', secretaryName: null },
        }),
      );
    }
  });

  const nvCounts = partition(rng, Math.max(profile.naturalVillages, villages.length), villages.length, 0.6);
  const grids = [];
  villages.forEach((village, vi) => {
    const minGrids = village.story?.minGrids ?? 1;
    const nvCount = Math.max(nvCounts[vi], minGrids);
    const gridCount = Math.min(nvCount, Math.max(minGrids, Math.round((nvCount * profile.grids) / profile.naturalVillages)));
    const ancestors = [...village.ancestors, village._id];
    const nvs = [];
    const nvNames = new Set();
    for (let k = 0; k < nvCount; k += 1) {
      let name;
      do name = village.community ? `${rng.pick(N.TOWN_SYLLABLES)}${rng.pick(N.PLACE_HEADS)}小区` : `${rng.pick(N.PLACE_HEADS)}${rng.pick(N.PLACE_HEADS)}${rng.pick(N.VILLAGE_SUFFIXES)}`;
      while (nvNames.has(name));
      nvNames.add(name);
      nvs.push(add({ _id: unitId(null, `${village.code}/nv/${k + 1}`), code: null, name, level: 'NATURAL_VILLAGE', parentId: village._id, ancestors, partyOrg: null }));
    }
    // One grid per natural village for the first gridCount-1; the last grid covers the rest (directly under the village when it covers several).
    for (let g = 0; g < gridCount; g += 1) {
      const covered = g < gridCount - 1 ? [nvs[g]] : nvs.slice(g);
      const parent = covered.length === 1 ? covered[0] : village;
      const name = `${village.name}第${chineseNumber(g + 1)}网格`;
      const grid = add({
        _id: unitId(null, `${village.code}/grid/${g + 1}`), code: null, name, level: 'GRID', parentId: parent._id,
        ancestors: [...parent.ancestors, parent._id], partyOrg: { kind: 'GRID_GROUP', name: `${name}党小组`, secretaryName: null },
        number: g + 1, village, covered,
      });
      grids.push(grid);
    }
  });

  const householdCounts = partition(rng, Math.max(profile.households, grids.length), grids.length, 0.4);
  grids.forEach((grid, gi) => {
    grid.households = householdCounts[gi];
    grid.population = Math.round(grid.households * (2.6 + rng.next() * 0.8));
  });
  return { units, city, townships, villages, grids };
}

/** Households and population summed up the tree; a grid covering several natural villages shares them out. */
function sumUp(tree) {
  const byId = new Map(tree.units.map((u) => [u._id, u]));
  for (const unit of tree.units) {
    if (unit.level !== 'GRID') {
      unit.households = 0;
      unit.population = 0;
    }
  }
  for (const grid of tree.grids) {
    for (const [i, nv] of grid.covered.entries()) {
      const share = (total) => Math.floor(total / grid.covered.length) + (i < total % grid.covered.length ? 1 : 0);
      nv.households += share(grid.households);
      nv.population += share(grid.population);
    }
    for (const ancestorId of grid.ancestors) {
      const ancestor = byId.get(ancestorId);
      if (ancestor.level === 'NATURAL_VILLAGE') continue;
      ancestor.households += grid.households;
      ancestor.population += grid.population;
    }
  }
}

/** Members with their role assignments; phones unique per seed. */
function buildMembers(seed, tree) {
  const rng = rngFor(seed, 'members');
  const members = [];
  const phoneOffset = rngFor(seed, 'phones').int(0, 99_999_999);
  const newMember = (key, { name, isPartyMember, skills = [] }) => {
    const i = members.length;
    const member = {
      _id: stableId(seed, 'member', key),
      name: name ?? personName(rng),
      phone: `${MOBILE_PREFIXES[i % MOBILE_PREFIXES.length]}${String((i * 7919 + phoneOffset) % 100_000_000).padStart(8, '0')}`,
      isPartyMember,
      skills: rng.chance(0.3) ? [...new Set([...skills, rng.pick(SKILLS)])] : skills,
      assignments: [],
      key,
    };
    members.push(member);
    return member;
  };
  const assign = (member, unit, role, from = START + rng.int(0, 700) * DAY, to = null) => {
    member.assignments.push({
      id: stableId(seed, 'assignment', `${member.key}/${unit._id}/${role}/${from}`),
      unitId: unit._id, orgPath: [...unit.ancestors, unit._id], role, from: iso(from), to: to === null ? null : iso(to),
    });
  };

  for (let i = 0; i < 4; i += 1) assign(newMember(`hotline/${i}`, { isPartyMember: rng.chance(0.5) }), tree.city, 'HOTLINE_OPERATOR');
  const townshipCadres = new Map();
  for (const township of tree.townships) {
    for (let i = 0; i < 2; i += 1) assign(newMember(`${township.code}/dispatcher/${i}`, { isPartyMember: rng.chance(0.6) }), township, 'TOWNSHIP_DISPATCHER');
    const admin = tree.villages.find((v) => v.parentId === township._id && v.story?.townshipAdmin)?.story.townshipAdmin;
    if (admin) assign(newMember(`${township.code}/admin`, { name: admin, isPartyMember: true }), township, 'ADMIN');
    const gridsHere = tree.grids.filter((g) => g.ancestors.includes(township._id)).length;
    townshipCadres.set(
      township._id,
      Array.from({ length: Math.max(1, Math.ceil(gridsHere / 3)) }, (_, i) => newMember(`${township.code}/cadre/${i}`, { isPartyMember: rng.chance(0.7) })),
    );
  }
  const villageCadres = new Map();
  for (const village of tree.villages) {
    const secretary = newMember(`${village.code}/secretary`, {
      name: village.story?.secretary ?? (village.story?.surname ? personName(rng, village.story.surname) : undefined),
      isPartyMember: true,
    });
    assign(secretary, village, 'VILLAGE_SECRETARY');
    village.partyOrg.name = `${village.name}${village.partyOrg.kind === 'GENERAL_BRANCH' ? '党总支' : '党支部'}`;
    village.partyOrg.secretaryName = secretary.name;
    const staff = Array.from({ length: rng.int(2, 4) }, (_, i) => newMember(`${village.code}/staff/${i}`, { isPartyMember: rng.chance(0.6) }));
    for (const member of staff) assign(member, village, 'VILLAGE_STAFF');
    villageCadres.set(village._id, [...staff, secretary]);
  }

  const cadreRole = (member) => (member.isPartyMember ? 'GRID_INSTRUCTOR' : 'GRID_ASSISTANT');
  const nextIndex = new Map();
  const roundRobin = (key, list) => {
    const i = nextIndex.get(key) ?? 0;
    nextIndex.set(key, i + 1);
    return list[i % list.length];
  };
  for (const grid of tree.grids) {
    const village = grid.village;
    const gkey = `${village.code}/grid/${grid.number}`;
    const surname = village.story?.surname;
    const leader = newMember(`${gkey}/leader`, {
      name: village.story?.gridLeaders?.[grid.number] ?? (surname ? personName(rng, surname) : undefined),
      isPartyMember: true,
    });
    const leaderFrom = START + rng.int(0, 700) * DAY;
    // some leaders were grid members first: their earlier assignment has ended (history kept)
    if (rng.chance(0.05)) assign(leader, grid, 'GRID_MEMBER', START, leaderFrom);
    assign(leader, grid, 'GRID_LEADER', leaderFrom);
    grid.partyOrg.secretaryName = leader.name;
    const partyMembers = rng.int(0, 2);
    for (let i = 0; i < partyMembers; i += 1) assign(newMember(`${gkey}/member/${i}`, { isPartyMember: true }), grid, 'GRID_MEMBER');
    // 村民组长 of each covered natural village: 16.7% are the party-group leader, 33.6% party members in all (story figures)
    let leaderIsHead = false;
    for (const [i, nv] of grid.covered.entries()) {
      const roll = rng.next();
      if (roll < 0.167 && !leaderIsHead) {
        leaderIsHead = true;
        leader.skills = [...new Set([VILLAGER_GROUP_HEAD, ...leader.skills])];
        continue;
      }
      const head = newMember(`${gkey}/head/${i}`, { isPartyMember: roll < 0.336, skills: [VILLAGER_GROUP_HEAD] });
      head.headOf = nv._id;
      assign(head, grid, 'GRID_MEMBER');
    }
    const villageCadre = roundRobin(village._id, villageCadres.get(village._id));
    assign(villageCadre, grid, cadreRole(villageCadre));
    const townshipCadre = roundRobin(grid.ancestors[2], townshipCadres.get(grid.ancestors[2]));
    assign(townshipCadre, grid, cadreRole(townshipCadre));
  }
  return members;
}

const TAG_RATES = [
  ['POOR', 0.03],
  ['LOW_INCOME', 0.04],
  ['LEFT_BEHIND_CHILD', 0.04],
  ['DISABLED', 0.03],
  ['MILITARY_FAMILY', 0.015],
];

/** The households of one grid, from the grid's own random stream (so any grid can be generated alone). */
function householdsOf(seed, grid) {
  const rng = rngFor(seed, 'households', grid._id);
  const residents = grid.number === 1 ? grid.village.story?.residents ?? [] : [];
  const out = [];
  for (let k = 0; k < grid.households; k += 1) {
    const nv = grid.covered[k % grid.covered.length];
    const elderlyAlone = rng.chance(0.06);
    const size = elderlyAlone ? 1 : rng.weighted([[1, 5], [2, 20], [3, 30], [4, 25], [5, 13], [6, 7]]);
    const tags = TAG_RATES.filter(([, p]) => rng.chance(p)).map(([tag]) => tag);
    if (elderlyAlone) tags.unshift('ELDERLY_ALONE');
    const phone = rng.chance(0.8)
      ? `${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`
      : rng.chance(0.5) ? `0555-${rng.int(2_000_000, 8_999_999)}` : null;
    out.push({
      _id: stableId(seed, 'household', `${grid._id}/${k + 1}`),
      gridId: grid._id,
      orgPath: [...grid.ancestors, grid._id],
      address: `${grid.village.name}${nv.name}${rng.chance(0.3) ? rng.pick(N.ROADS) : ''}${k + 1}号`,
      head: residents[k] ?? personName(rng, grid.village.story?.surname && rng.chance(0.5) ? grid.village.story.surname : undefined),
      size,
      tags,
      phone,
    });
  }
  return out;
}

/** The org-unit record the org importer expects (the generator's working fields dropped). */
function unitRecord(unit) {
  return {
    _id: unit._id, code: unit.code, name: unit.name, level: unit.level, parentId: unit.parentId, ancestors: unit.ancestors,
    households: unit.households, population: unit.population, partyOrg: unit.partyOrg, validFrom: iso(START),
  };
}

function memberRecord(member) {
  return { _id: member._id, name: member.name, phone: member.phone, isPartyMember: member.isPartyMember, skills: member.skills, assignments: member.assignments };
}

/**
 * Generates a profile. `knownIds` maps division codes to ids that already
 * exist (e.g. loaded by the demo profile) so the city reuses those units.
 * Households come from a generator to keep 500k records out of memory.
 */
function generateCity({ seed = 1, profile = 'city', knownIds = {} } = {}) {
  const counts = typeof profile === 'string' ? PROFILES[profile] : profile;
  if (!counts) throw new Error(`unknown profile ${profile}; one of ${Object.keys(PROFILES).join(', ')}`);
  const tree = buildTree(seed, counts, knownIds);
  const members = buildMembers(seed, tree);
  sumUp(tree);
  const householdTotal = tree.grids.reduce((sum, grid) => sum + grid.households, 0);
  return {
    units: tree.units.map(unitRecord),
    members: members.map(memberRecord),
    householdTotal,
    *households() {
      for (const grid of tree.grids) yield* householdsOf(seed, grid);
    },
  };
}

module.exports = { PROFILES, START, generateCity, chineseNumber, VILLAGER_GROUP_HEAD };
