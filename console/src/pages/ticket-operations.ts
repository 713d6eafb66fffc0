import { graphql } from '../gql';

// Every command of the ticket screen sends the version it shows (expectedVersion): a stale screen gets CONFLICT.
export const ACCEPT = graphql(`
  mutation AcceptTicket($id: ID!, $note: String, $expectedVersion: Int) {
    acceptTicket(id: $id, note: $note, expectedVersion: $expectedVersion) { id version status }
  }
`);
export const REJECT = graphql(`
  mutation RejectTicket($id: ID!, $reason: String!, $expectedVersion: Int) {
    rejectTicket(id: $id, reason: $reason, expectedVersion: $expectedVersion) { id version status }
  }
`);
export const DISPATCH = graphql(`
  mutation DispatchTicket($id: ID!, $input: DispatchTicketInput!, $expectedVersion: Int) {
    dispatchTicket(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }
  }
`);
export const START = graphql(`
  mutation StartTicket($id: ID!, $note: String, $evidenceIds: [ID!], $expectedVersion: Int) {
    startTicket(id: $id, note: $note, evidenceIds: $evidenceIds, expectedVersion: $expectedVersion) { id version status }
  }
`);
export const PROGRESS = graphql(`
  mutation AddProgress($id: ID!, $input: AddProgressInput!, $expectedVersion: Int) {
    addProgress(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }
  }
`);
export const RESOLVE = graphql(`
  mutation ResolveTicket($id: ID!, $input: ResolveTicketInput!, $expectedVersion: Int) {
    resolveTicket(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }
  }
`);
export const ESCALATE = graphql(`
  mutation EscalateTicket($id: ID!, $reason: String!, $expectedVersion: Int) {
    escalateTicket(id: $id, reason: $reason, expectedVersion: $expectedVersion) { id version status }
  }
`);
export const TRANSFER = graphql(`
  mutation TransferTicket($id: ID!, $input: TransferTicketInput!, $expectedVersion: Int) {
    transferTicket(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }
  }
`);
export const SUPERVISE = graphql(`
  mutation SuperviseTicket($id: ID!, $note: String!, $expectedVersion: Int) {
    superviseTicket(id: $id, note: $note, expectedVersion: $expectedVersion) { id version status }
  }
`);
export const FEEDBACK = graphql(`
  mutation RecordFeedback($id: ID!, $input: FeedbackInput!, $expectedVersion: Int) {
    recordFeedback(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }
  }
`);
export const REOPEN = graphql(`
  mutation ReopenTicket($id: ID!, $reason: String!, $expectedVersion: Int) {
    reopenTicket(id: $id, reason: $reason, expectedVersion: $expectedVersion) { id version status }
  }
`);
export const CLOSE = graphql(`
  mutation CloseTicket($id: ID!, $expectedVersion: Int) {
    closeTicket(id: $id, expectedVersion: $expectedVersion) { id version status }
  }
`);
export const MERGE = graphql(`
  mutation MergeTicket($id: ID!, $intoId: ID!, $expectedVersion: Int) {
    mergeTicket(id: $id, intoId: $intoId, expectedVersion: $expectedVersion) { id version status }
  }
`);
export const UPLOAD_EVIDENCE = graphql(`
  mutation UploadEvidence($input: UploadEvidenceInput!) {
    uploadEvidence(input: $input) { id fileName }
  }
`);
export const TICKET_BY_NUMBER = graphql(`
  query TicketByNumber($number: String!) {
    ticketByNumber(number: $number) { id number title status }
  }
`);
export const HANDLER_CANDIDATES = graphql(`
  query HandlerCandidates($unitId: ID!) {
    orgUnits(filter: { within: $unitId, status: ACTIVE }, first: 200) {
      edges { node { id name } }
    }
    members(filter: { within: $unitId, status: ACTIVE }, first: 100) {
      edges { node { id name assignments(last: 10) { unitId role to } } }
    }
  }
`);
export const SAME_LEVEL_UNITS = graphql(`
  query SameLevelUnits($level: OrgLevel!) {
    orgUnits(filter: { level: $level, status: ACTIVE }, first: 100) {
      edges { node { id name } }
    }
  }
`);
