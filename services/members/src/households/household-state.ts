import { createEvent, householdState } from '@steward/events';
import type { HouseholdState } from './household.repository';

/** The household's state for the compacted topic; the phone (PII) stays home. */
export function householdStateEvent(doc: HouseholdState) {
  return createEvent(householdState, {
    subject: doc._id,
    aggregateVersion: doc.version,
    data: {
      id: doc._id,
      gridId: doc.gridId,
      orgPath: doc.orgPath,
      head: doc.head,
      address: doc.address,
      size: doc.size,
      tags: doc.tags,
    },
  });
}
