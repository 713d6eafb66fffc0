/** Words of the visits domain shared by the rules, the storage and the API. */
export const VISIT_STATUSES = ['PLANNED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export const VISIT_KINDS = ['ROUTINE', 'TICKET_HANDLING', 'FOLLOW_UP', 'AID', 'PARTY_ACTIVITY'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/** Kinds a member logs by hand; TICKET_HANDLING visits follow the ticket's events. */
export const MANUAL_VISIT_KINDS = ['ROUTINE', 'FOLLOW_UP', 'AID', 'PARTY_ACTIVITY'] as const;
export type ManualVisitKind = (typeof MANUAL_VISIT_KINDS)[number];

export const FINAL_VISIT_STATUSES: readonly VisitStatus[] = ['COMPLETED', 'CANCELLED'];

export interface GeoPoint {
  lat: number;
  lng: number;
}
