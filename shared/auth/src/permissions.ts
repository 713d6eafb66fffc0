/**
 * What each role may do (权限表). A member holds roles on org units and may
 * act on records whose `orgPath` contains one of those units; the table says
 * which roles a permission needs. Reading needs any role in scope. Service
 * accounts hold permissions directly (no unit scope). Kept as data so the
 * table in SECURITY.md and the code cannot drift (a unit test compares them).
 */
export const PERMISSIONS = [
  'org:manage',
  'members:manage',
  'tickets:report',
  'tickets:dispatch',
  'tickets:handle',
  'tickets:feedback',
  'visits:record',
  'visits:manage',
  'assessment:manage',
  'pii:read',
  'notifications:webhooks',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Service accounts may also hold `read`: read everything (e.g. warehouse tools). */
export const SERVICE_PERMISSIONS = [...PERMISSIONS, 'read'] as const;
export type ServicePermission = (typeof SERVICE_PERMISSIONS)[number];

const GRID_ROLES = ['GRID_LEADER', 'GRID_MEMBER', 'GRID_INSTRUCTOR', 'GRID_ASSISTANT'] as const;
const VILLAGE_ROLES = ['VILLAGE_SECRETARY', 'VILLAGE_STAFF'] as const;

export const ROLE_PERMISSIONS: Record<Permission, readonly string[]> = {
  'org:manage': ['ADMIN'],
  'members:manage': ['ADMIN', 'TOWNSHIP_DISPATCHER', 'VILLAGE_SECRETARY'],
  'tickets:report': ['ADMIN', 'TOWNSHIP_DISPATCHER', 'HOTLINE_OPERATOR', ...VILLAGE_ROLES, ...GRID_ROLES],
  'tickets:dispatch': ['ADMIN', 'TOWNSHIP_DISPATCHER', ...VILLAGE_ROLES, 'GRID_LEADER'],
  'tickets:handle': ['ADMIN', 'TOWNSHIP_DISPATCHER', ...VILLAGE_ROLES, ...GRID_ROLES],
  'tickets:feedback': ['ADMIN', 'TOWNSHIP_DISPATCHER', 'HOTLINE_OPERATOR', ...VILLAGE_ROLES],
  'visits:record': ['ADMIN', ...VILLAGE_ROLES, ...GRID_ROLES],
  'visits:manage': ['ADMIN', 'TOWNSHIP_DISPATCHER'],
  'assessment:manage': ['ADMIN'],
  'pii:read': ['ADMIN', 'TOWNSHIP_DISPATCHER', 'HOTLINE_OPERATOR', 'VILLAGE_SECRETARY', 'GRID_LEADER'],
  'notifications:webhooks': ['ADMIN'],
};
