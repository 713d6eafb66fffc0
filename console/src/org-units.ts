import { request } from './api';
import { graphql } from './gql';
import { useLoad } from './hooks';
import { homeUnits, useViewer } from './viewer';

const UNITS_WITHIN = graphql(`
  query UnitsWithin($within: ID) {
    orgUnits(filter: { within: $within, status: ACTIVE }, first: 200) {
      edges {
        node {
          id
          name
          level
          parentId
        }
      }
    }
  }
`);

export interface UnitNode {
  id: string;
  name: string;
  level: string;
  parentId: string | null | undefined;
}

export interface TreeNode {
  value: string;
  key: string;
  title: string;
  level: string;
  children: TreeNode[];
}

/** The units the viewer works in and every unit below them (the administrator: the first 200 of all). */
export function useMyUnits() {
  const viewer = useViewer();
  const homes = homeUnits(viewer);
  return useLoad(async () => {
    const found = new Map<string, UnitNode>();
    if (homes.length === 0) {
      for (const { node } of (await request(UNITS_WITHIN, { within: null })).orgUnits.edges) found.set(node.id, node);
    }
    for (const home of homes) {
      found.set(home.id, { ...home, parentId: null });
      for (const { node } of (await request(UNITS_WITHIN, { within: home.id })).orgUnits.edges) found.set(node.id, node);
    }
    return [...found.values()];
  }, `units:${homes.map((home) => home.id).join(',')}`);
}

/** Nests the units by parent; units whose parent is not in the list are roots. */
export function toTree(units: UnitNode[]): TreeNode[] {
  const nodes = new Map(units.map((unit) => [unit.id, { value: unit.id, key: unit.id, title: unit.name, level: unit.level, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id);
    if (!node) continue;
    const parent = unit.parentId ? nodes.get(unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
