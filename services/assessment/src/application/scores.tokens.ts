/** The org tree assessment reads levels and peers from (OrgIndex in the service, a UnitTree in tests). */
export const UNIT_DIRECTORY = Symbol('UNIT_DIRECTORY');
