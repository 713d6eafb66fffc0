import { loadShanghaiCalendar } from './calendar';
import slaPolicy from './sla-policy.json';
import { Deadlines, SlaPolicy } from './sla-policy';
import categories from './categories.json';
import dispatch from './dispatch-catalogue.json';
import feedback from './feedback-policy.json';
import channels from './intake-channels.json';
import { TicketCatalogue } from './ticket-catalogue';

export interface TicketPolicies {
  catalogue: TicketCatalogue;
  deadlines: Deadlines;
}

/**
 * Loads and cross-checks every data file; a broken file stops the service at start with the reason.
 * `sla`: a city's own SLA policy in place of sla-policy.json (TICKETS_SLA_POLICY_FILE), checked the same way.
 */
export function loadTicketPolicies(sla: unknown = slaPolicy): TicketPolicies {
  const catalogue = new TicketCatalogue({ categories, dispatch, channels, feedback });
  const deadlines = new Deadlines(new SlaPolicy(sla, catalogue.categoryCodes), loadShanghaiCalendar());
  return { catalogue, deadlines };
}
