/** Injection token of the loaded TicketPolicies (catalogue, SLA, calendar). */
export const TICKET_POLICIES = Symbol('TICKET_POLICIES');
