import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PERMISSIONS, ROLE_PERMISSIONS } from './permissions';

/** The roles SECURITY.md's 权限表 lists for each permission, `GRID_*` and `VILLAGE_*` expanded. */
function documentedTable(): Map<string, string[]> {
  const text = readFileSync(path.join(__dirname, '../../../SECURITY.md'), 'utf8');
  const roles = new Set(Object.values(ROLE_PERMISSIONS).flat());
  const expand = (entry: string) => (entry.endsWith('_*') ? [...roles].filter((role) => role.startsWith(entry.slice(0, -1))) : [entry]);
  const rows = [...text.matchAll(/^\| `([a-z]+:[a-z]+)` \| ([A-Z_*, ]+) \|/gm)];
  return new Map(rows.map(([, permission, list]) => [permission, list.split(',').flatMap((entry) => expand(entry.trim())).sort()]));
}

describe('the permission table', () => {
  it('in SECURITY.md is the one the code uses', () => {
    const documented = documentedTable();
    expect([...documented.keys()].sort()).toEqual([...PERMISSIONS].sort());
    for (const permission of PERMISSIONS) expect([permission, documented.get(permission)]).toEqual([permission, [...ROLE_PERMISSIONS[permission]].sort()]);
  });
});
