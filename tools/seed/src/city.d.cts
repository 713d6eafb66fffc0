// Types of tools/seed/src/city.cjs (plain CommonJS: the seed scripts run it without a build) for the specs.

export interface CityProfile {
  districts: number;
  townships: number;
  villages: number;
  naturalVillages: number;
  grids: number;
  households: number;
}
export type ProfileName = 'city' | 'small' | 'tiny';

export declare const PROFILES: Readonly<Record<ProfileName, CityProfile>>;
/** epoch milliseconds: the validity start of every seeded record */
export declare const START: number;
export declare const VILLAGER_GROUP_HEAD: string;
export declare function chineseNumber(n: number): string;

export interface CityUnit {
  _id: string;
  code: string | null;
  name: string;
  level: string;
  parentId: string | null;
  ancestors: string[];
  households: number;
  population: number;
  partyOrg: { kind: string; name: string; secretaryName: string | null } | null;
  validFrom: string;
}
export interface CityAssignment {
  id: string;
  unitId: string;
  orgPath: string[];
  role: string;
  from: string;
  to: string | null;
}
export interface CityMember {
  _id: string;
  name: string;
  phone: string;
  isPartyMember: boolean;
  skills: string[];
  assignments: CityAssignment[];
}
export interface CityHousehold {
  _id: string;
  gridId: string;
  orgPath: string[];
  address: string;
  head: string;
  size: number;
  tags: string[];
  phone: string | null;
}
export interface City {
  units: CityUnit[];
  members: CityMember[];
  householdTotal: number;
  /** generated on demand: the city profile has 500k */
  households(): Generator<CityHousehold>;
}

export declare function generateCity(options?: {
  seed?: number;
  profile?: ProfileName | CityProfile;
  /** division code → id of a unit that already exists */
  knownIds?: Record<string, string>;
}): City;
