import { createContext, useContext } from 'react';
import { graphql } from './gql';
import type { ViewerQuery } from './gql/graphql';

export const VIEWER = graphql(`
  query Viewer {
    me {
      id
      kind
      permissions
      grants {
        role
        unitId
      }
      member {
        id
        name
        assignments {
          unitId
          role
          to
          unit {
            id
            name
            level
          }
        }
      }
    }
  }
`);

export type Viewer = ViewerQuery['me'];

export const ViewerContext = createContext<Viewer | null>(null);

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer outside a signed-in console');
  return viewer;
}

/** The units where the viewer holds a role now, with names (the administrator: none, they pick any unit). */
export function homeUnits(viewer: Viewer): { id: string; name: string; level: string }[] {
  const seen = new Map<string, { id: string; name: string; level: string }>();
  for (const assignment of viewer.member?.assignments ?? []) {
    if (assignment.to && Date.parse(assignment.to) <= Date.now()) continue;
    seen.set(assignment.unit.id, { id: assignment.unit.id, name: assignment.unit.name, level: assignment.unit.level });
  }
  return [...seen.values()];
}
