import { createEvent, householdState } from '@steward/events';
import type { HouseholdState } from '../persistence/household.repository';

/**
 * The household's state for the compacted topic. No personal data in clear:
 * the head's name, the address and the phone stay home. `tags` are sensitive
 * personal data (贫困户, 独居老人) that consumers need to plan visits.
 */
export function householdStateEvent(doc: HouseholdState) {
  return createEvent(householdState, {
    subject: doc._id,
    aggregateVersion: doc.version,
    data: {
      id: doc._id,
      gridId: doc.gridId,
      orgPath: doc.orgPath,
      size: doc.size,
      tags: doc.tags,
    },
  });
}
