/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query UnreadCount {\n    me {\n      member {\n        id\n        unreadNotificationCount\n      }\n    }\n  }\n": typeof types.UnreadCountDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  query UnitsWithin($within: ID) {\n    orgUnits(filter: { within: $within, status: ACTIVE }, first: 200) {\n      edges {\n        node {\n          id\n          name\n          level\n          parentId\n        }\n      }\n    }\n  }\n": typeof types.UnitsWithinDocument,
    "\n  query UnitFigures($id: ID!, $from: DateTime!, $to: DateTime!) {\n    ticketStats(within: $id, from: $from, to: $to) {\n      received\n      accepted\n      resolved\n      closed\n      overdue\n      feedbacks\n      satisfied\n      completionRate\n      onTimeRate\n      satisfactionRate\n    }\n  }\n": typeof types.UnitFiguresDocument,
    "\n  query Trend($id: ID!, $f0: DateTime!, $t0: DateTime!, $f1: DateTime!, $t1: DateTime!, $f2: DateTime!, $t2: DateTime!, $f3: DateTime!, $t3: DateTime!, $f4: DateTime!, $t4: DateTime!, $f5: DateTime!, $t5: DateTime!) {\n    m0: ticketStats(within: $id, from: $f0, to: $t0) { received resolved overdue }\n    m1: ticketStats(within: $id, from: $f1, to: $t1) { received resolved overdue }\n    m2: ticketStats(within: $id, from: $f2, to: $t2) { received resolved overdue }\n    m3: ticketStats(within: $id, from: $f3, to: $t3) { received resolved overdue }\n    m4: ticketStats(within: $id, from: $f4, to: $t4) { received resolved overdue }\n    m5: ticketStats(within: $id, from: $f5, to: $t5) { received resolved overdue }\n  }\n": typeof types.TrendDocument,
    "\n  query Ranking($id: ID!, $level: OrgLevel!, $key: String!) {\n    ranking(parentId: $id, level: $level, period: { kind: MONTH, key: $key }, first: 20) {\n      edges {\n        node {\n          subjectId\n          rank\n          score\n          received\n          resolved\n          completionRate\n          onTimeRate\n          satisfactionRate\n          unit {\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.RankingDocument,
    "\n  query Compliance($id: ID!) {\n    weeklyCompliance(within: $id, first: 100) {\n      week\n      compliant\n      member {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ComplianceDocument,
    "\n  query GridCoverage($id: ID!, $from: DateTime!, $to: DateTime!) {\n    householdCoverage(gridId: $id, from: $from, to: $to) {\n      households\n      visitedHouseholds\n      coverageRate\n      completedVisits\n    }\n    unvisitedHouseholds(gridId: $id, tags: [\"POOR\", \"ELDERLY_ALONE\"], first: 20) {\n      tags\n      lastVisitedAt\n      priority\n      household {\n        id\n        head\n        address\n      }\n    }\n  }\n": typeof types.GridCoverageDocument,
    "\n  mutation Login($phone: String!, $password: String!) {\n    login(phone: $phone, password: $password) {\n      token\n      expiresAt\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query Inbox {\n    myNotifications(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          text\n          ticketId\n          ticketNumber\n          occurredAt\n          readAt\n        }\n      }\n    }\n  }\n": typeof types.InboxDocument,
    "\n  mutation MarkRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids) {\n      id\n      readAt\n    }\n  }\n": typeof types.MarkReadDocument,
    "\n  query UnitPeople($id: ID!) {\n    orgUnit(id: $id) {\n      id\n      name\n      code\n      level\n      households\n      population\n      partyOrg {\n        name\n        secretaryName\n      }\n    }\n    members(filter: { within: $id, status: ACTIVE }, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          phone\n          isPartyMember\n          assignments(last: 5) {\n            role\n            unitId\n            to\n            unit {\n              name\n            }\n          }\n        }\n      }\n    }\n    households(filter: { within: $id }, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          head\n          address\n          size\n          tags\n          phone\n        }\n      }\n    }\n  }\n": typeof types.UnitPeopleDocument,
    "\n  query MyQueue {\n    myQueue(first: 100) {\n      id\n      number\n      title\n      status\n      level\n      priority\n      overdue\n      categoryName\n      acceptDueAt\n      resolveDueAt\n      handlerDueAt\n      createdAt\n      unit {\n        id\n        name\n      }\n    }\n  }\n": typeof types.MyQueueDocument,
    "\n  query TicketCategories {\n    ticketCategories {\n      code\n      name\n      active\n      examples\n    }\n  }\n": typeof types.TicketCategoriesDocument,
    "\n  mutation ReportTicket($input: ReportTicketInput!) {\n    reportTicket(input: $input) {\n      id\n      number\n    }\n  }\n": typeof types.ReportTicketDocument,
    "\n  query SimilarTickets($within: ID!, $category: String!) {\n    tickets(filter: { within: $within, category: $category }, first: 10) {\n      edges {\n        node {\n          id\n          number\n          title\n          status\n          address\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.SimilarTicketsDocument,
    "\n  query TicketDetail($id: ID!) {\n    ticket(id: $id) {\n      id\n      number\n      title\n      description\n      category\n      categoryName\n      channel\n      priority\n      status\n      level\n      overdue\n      version\n      allowedActions\n      acceptDueAt\n      resolveDueAt\n      handlerDueAt\n      acceptedAt\n      resolution\n      resolvedAt\n      closedAt\n      createdAt\n      escalationCount\n      reopenCount\n      supervisionCount\n      overdueCount\n      location {\n        address\n        geo {\n          lat\n          lng\n        }\n        unit {\n          id\n          name\n        }\n      }\n      reporter {\n        name\n        phone\n        anonymous\n      }\n      unit {\n        id\n        name\n        level\n      }\n      handler {\n        id\n        name\n      }\n      handlerUnit {\n        id\n        name\n      }\n      feedback {\n        satisfaction\n        comment\n        at\n      }\n      timeline(last: 50) {\n        at\n        action\n        from\n        to\n        note\n        level\n        automatic\n        satisfaction\n        actor {\n          id\n          name\n        }\n        unit {\n          id\n          name\n        }\n        handler {\n          id\n          name\n        }\n        evidence {\n          id\n          fileName\n          contentType\n          downloadPath\n        }\n      }\n    }\n  }\n": typeof types.TicketDetailDocument,
    "\n  mutation AcceptTicket($id: ID!, $note: String, $expectedVersion: Int) {\n    acceptTicket(id: $id, note: $note, expectedVersion: $expectedVersion) { id version status }\n  }\n": typeof types.AcceptTicketDocument,
    "\n  mutation RejectTicket($id: ID!, $reason: String!, $expectedVersion: Int) {\n    rejectTicket(id: $id, reason: $reason, expectedVersion: $expectedVersion) { id version status }\n  }\n": typeof types.RejectTicketDocument,
    "\n  mutation DispatchTicket($id: ID!, $input: DispatchTicketInput!, $expectedVersion: Int) {\n    dispatchTicket(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }\n  }\n": typeof types.DispatchTicketDocument,
    "\n  mutation StartTicket($id: ID!, $note: String, $evidenceIds: [ID!], $expectedVersion: Int) {\n    startTicket(id: $id, note: $note, evidenceIds: $evidenceIds, expectedVersion: $expectedVersion) { id version status }\n  }\n": typeof types.StartTicketDocument,
    "\n  mutation AddProgress($id: ID!, $input: AddProgressInput!, $expectedVersion: Int) {\n    addProgress(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }\n  }\n": typeof types.AddProgressDocument,
    "\n  mutation ResolveTicket($id: ID!, $input: ResolveTicketInput!, $expectedVersion: Int) {\n    resolveTicket(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }\n  }\n": typeof types.ResolveTicketDocument,
    "\n  mutation EscalateTicket($id: ID!, $reason: String!, $expectedVersion: Int) {\n    escalateTicket(id: $id, reason: $reason, expectedVersion: $expectedVersion) { id version status }\n  }\n": typeof types.EscalateTicketDocument,
    "\n  mutation TransferTicket($id: ID!, $input: TransferTicketInput!, $expectedVersion: Int) {\n    transferTicket(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }\n  }\n": typeof types.TransferTicketDocument,
    "\n  mutation SuperviseTicket($id: ID!, $note: String!, $expectedVersion: Int) {\n    superviseTicket(id: $id, note: $note, expectedVersion: $expectedVersion) { id version status }\n  }\n": typeof types.SuperviseTicketDocument,
    "\n  mutation RecordFeedback($id: ID!, $input: FeedbackInput!, $expectedVersion: Int) {\n    recordFeedback(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }\n  }\n": typeof types.RecordFeedbackDocument,
    "\n  mutation ReopenTicket($id: ID!, $reason: String!, $expectedVersion: Int) {\n    reopenTicket(id: $id, reason: $reason, expectedVersion: $expectedVersion) { id version status }\n  }\n": typeof types.ReopenTicketDocument,
    "\n  mutation CloseTicket($id: ID!, $expectedVersion: Int) {\n    closeTicket(id: $id, expectedVersion: $expectedVersion) { id version status }\n  }\n": typeof types.CloseTicketDocument,
    "\n  mutation MergeTicket($id: ID!, $intoId: ID!, $expectedVersion: Int) {\n    mergeTicket(id: $id, intoId: $intoId, expectedVersion: $expectedVersion) { id version status }\n  }\n": typeof types.MergeTicketDocument,
    "\n  mutation UploadEvidence($input: UploadEvidenceInput!) {\n    uploadEvidence(input: $input) { id fileName }\n  }\n": typeof types.UploadEvidenceDocument,
    "\n  query TicketByNumber($number: String!) {\n    ticketByNumber(number: $number) { id number title status }\n  }\n": typeof types.TicketByNumberDocument,
    "\n  query HandlerCandidates($unitId: ID!) {\n    orgUnits(filter: { within: $unitId, status: ACTIVE }, first: 200) {\n      edges { node { id name } }\n    }\n    members(filter: { within: $unitId, status: ACTIVE }, first: 100) {\n      edges { node { id name assignments(last: 10) { unitId role to } } }\n    }\n  }\n": typeof types.HandlerCandidatesDocument,
    "\n  query SameLevelUnits($level: OrgLevel!) {\n    orgUnits(filter: { level: $level, status: ACTIVE }, first: 100) {\n      edges { node { id name } }\n    }\n  }\n": typeof types.SameLevelUnitsDocument,
    "\n  query Viewer {\n    me {\n      id\n      kind\n      permissions\n      grants {\n        role\n        unitId\n      }\n      member {\n        id\n        name\n        assignments {\n          unitId\n          role\n          to\n          unit {\n            id\n            name\n            level\n          }\n        }\n      }\n    }\n  }\n": typeof types.ViewerDocument,
};
const documents: Documents = {
    "\n  query UnreadCount {\n    me {\n      member {\n        id\n        unreadNotificationCount\n      }\n    }\n  }\n": types.UnreadCountDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  query UnitsWithin($within: ID) {\n    orgUnits(filter: { within: $within, status: ACTIVE }, first: 200) {\n      edges {\n        node {\n          id\n          name\n          level\n          parentId\n        }\n      }\n    }\n  }\n": types.UnitsWithinDocument,
    "\n  query UnitFigures($id: ID!, $from: DateTime!, $to: DateTime!) {\n    ticketStats(within: $id, from: $from, to: $to) {\n      received\n      accepted\n      resolved\n      closed\n      overdue\n      feedbacks\n      satisfied\n      completionRate\n      onTimeRate\n      satisfactionRate\n    }\n  }\n": types.UnitFiguresDocument,
    "\n  query Trend($id: ID!, $f0: DateTime!, $t0: DateTime!, $f1: DateTime!, $t1: DateTime!, $f2: DateTime!, $t2: DateTime!, $f3: DateTime!, $t3: DateTime!, $f4: DateTime!, $t4: DateTime!, $f5: DateTime!, $t5: DateTime!) {\n    m0: ticketStats(within: $id, from: $f0, to: $t0) { received resolved overdue }\n    m1: ticketStats(within: $id, from: $f1, to: $t1) { received resolved overdue }\n    m2: ticketStats(within: $id, from: $f2, to: $t2) { received resolved overdue }\n    m3: ticketStats(within: $id, from: $f3, to: $t3) { received resolved overdue }\n    m4: ticketStats(within: $id, from: $f4, to: $t4) { received resolved overdue }\n    m5: ticketStats(within: $id, from: $f5, to: $t5) { received resolved overdue }\n  }\n": types.TrendDocument,
    "\n  query Ranking($id: ID!, $level: OrgLevel!, $key: String!) {\n    ranking(parentId: $id, level: $level, period: { kind: MONTH, key: $key }, first: 20) {\n      edges {\n        node {\n          subjectId\n          rank\n          score\n          received\n          resolved\n          completionRate\n          onTimeRate\n          satisfactionRate\n          unit {\n            name\n          }\n        }\n      }\n    }\n  }\n": types.RankingDocument,
    "\n  query Compliance($id: ID!) {\n    weeklyCompliance(within: $id, first: 100) {\n      week\n      compliant\n      member {\n        id\n        name\n      }\n    }\n  }\n": types.ComplianceDocument,
    "\n  query GridCoverage($id: ID!, $from: DateTime!, $to: DateTime!) {\n    householdCoverage(gridId: $id, from: $from, to: $to) {\n      households\n      visitedHouseholds\n      coverageRate\n      completedVisits\n    }\n    unvisitedHouseholds(gridId: $id, tags: [\"POOR\", \"ELDERLY_ALONE\"], first: 20) {\n      tags\n      lastVisitedAt\n      priority\n      household {\n        id\n        head\n        address\n      }\n    }\n  }\n": types.GridCoverageDocument,
    "\n  mutation Login($phone: String!, $password: String!) {\n    login(phone: $phone, password: $password) {\n      token\n      expiresAt\n    }\n  }\n": types.LoginDocument,
    "\n  query Inbox {\n    myNotifications(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          text\n          ticketId\n          ticketNumber\n          occurredAt\n          readAt\n        }\n      }\n    }\n  }\n": types.InboxDocument,
    "\n  mutation MarkRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids) {\n      id\n      readAt\n    }\n  }\n": types.MarkReadDocument,
    "\n  query UnitPeople($id: ID!) {\n    orgUnit(id: $id) {\n      id\n      name\n      code\n      level\n      households\n      population\n      partyOrg {\n        name\n        secretaryName\n      }\n    }\n    members(filter: { within: $id, status: ACTIVE }, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          phone\n          isPartyMember\n          assignments(last: 5) {\n            role\n            unitId\n            to\n            unit {\n              name\n            }\n          }\n        }\n      }\n    }\n    households(filter: { within: $id }, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          head\n          address\n          size\n          tags\n          phone\n        }\n      }\n    }\n  }\n": types.UnitPeopleDocument,
    "\n  query MyQueue {\n    myQueue(first: 100) {\n      id\n      number\n      title\n      status\n      level\n      priority\n      overdue\n      categoryName\n      acceptDueAt\n      resolveDueAt\n      handlerDueAt\n      createdAt\n      unit {\n        id\n        name\n      }\n    }\n  }\n": types.MyQueueDocument,
    "\n  query TicketCategories {\n    ticketCategories {\n      code\n      name\n      active\n      examples\n    }\n  }\n": types.TicketCategoriesDocument,
    "\n  mutation ReportTicket($input: ReportTicketInput!) {\n    reportTicket(input: $input) {\n      id\n      number\n    }\n  }\n": types.ReportTicketDocument,
    "\n  query SimilarTickets($within: ID!, $category: String!) {\n    tickets(filter: { within: $within, category: $category }, first: 10) {\n      edges {\n        node {\n          id\n          number\n          title\n          status\n          address\n          createdAt\n        }\n      }\n    }\n  }\n": types.SimilarTicketsDocument,
    "\n  query TicketDetail($id: ID!) {\n    ticket(id: $id) {\n      id\n      number\n      title\n      description\n      category\n      categoryName\n      channel\n      priority\n      status\n      level\n      overdue\n      version\n      allowedActions\n      acceptDueAt\n      resolveDueAt\n      handlerDueAt\n      acceptedAt\n      resolution\n      resolvedAt\n      closedAt\n      createdAt\n      escalationCount\n      reopenCount\n      supervisionCount\n      overdueCount\n      location {\n        address\n        geo {\n          lat\n          lng\n        }\n        unit {\n          id\n          name\n        }\n      }\n      reporter {\n        name\n        phone\n        anonymous\n      }\n      unit {\n        id\n        name\n        level\n      }\n      handler {\n        id\n        name\n      }\n      handlerUnit {\n        id\n        name\n      }\n      feedback {\n        satisfaction\n        comment\n        at\n      }\n      timeline(last: 50) {\n        at\n        action\n        from\n        to\n        note\n        level\n        automatic\n        satisfaction\n        actor {\n          id\n          name\n        }\n        unit {\n          id\n          name\n        }\n        handler {\n          id\n          name\n        }\n        evidence {\n          id\n          fileName\n          contentType\n          downloadPath\n        }\n      }\n    }\n  }\n": types.TicketDetailDocument,
    "\n  mutation AcceptTicket($id: ID!, $note: String, $expectedVersion: Int) {\n    acceptTicket(id: $id, note: $note, expectedVersion: $expectedVersion) { id version status }\n  }\n": types.AcceptTicketDocument,
    "\n  mutation RejectTicket($id: ID!, $reason: String!, $expectedVersion: Int) {\n    rejectTicket(id: $id, reason: $reason, expectedVersion: $expectedVersion) { id version status }\n  }\n": types.RejectTicketDocument,
    "\n  mutation DispatchTicket($id: ID!, $input: DispatchTicketInput!, $expectedVersion: Int) {\n    dispatchTicket(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }\n  }\n": types.DispatchTicketDocument,
    "\n  mutation StartTicket($id: ID!, $note: String, $evidenceIds: [ID!], $expectedVersion: Int) {\n    startTicket(id: $id, note: $note, evidenceIds: $evidenceIds, expectedVersion: $expectedVersion) { id version status }\n  }\n": types.StartTicketDocument,
    "\n  mutation AddProgress($id: ID!, $input: AddProgressInput!, $expectedVersion: Int) {\n    addProgress(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }\n  }\n": types.AddProgressDocument,
    "\n  mutation ResolveTicket($id: ID!, $input: ResolveTicketInput!, $expectedVersion: Int) {\n    resolveTicket(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }\n  }\n": types.ResolveTicketDocument,
    "\n  mutation EscalateTicket($id: ID!, $reason: String!, $expectedVersion: Int) {\n    escalateTicket(id: $id, reason: $reason, expectedVersion: $expectedVersion) { id version status }\n  }\n": types.EscalateTicketDocument,
    "\n  mutation TransferTicket($id: ID!, $input: TransferTicketInput!, $expectedVersion: Int) {\n    transferTicket(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }\n  }\n": types.TransferTicketDocument,
    "\n  mutation SuperviseTicket($id: ID!, $note: String!, $expectedVersion: Int) {\n    superviseTicket(id: $id, note: $note, expectedVersion: $expectedVersion) { id version status }\n  }\n": types.SuperviseTicketDocument,
    "\n  mutation RecordFeedback($id: ID!, $input: FeedbackInput!, $expectedVersion: Int) {\n    recordFeedback(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }\n  }\n": types.RecordFeedbackDocument,
    "\n  mutation ReopenTicket($id: ID!, $reason: String!, $expectedVersion: Int) {\n    reopenTicket(id: $id, reason: $reason, expectedVersion: $expectedVersion) { id version status }\n  }\n": types.ReopenTicketDocument,
    "\n  mutation CloseTicket($id: ID!, $expectedVersion: Int) {\n    closeTicket(id: $id, expectedVersion: $expectedVersion) { id version status }\n  }\n": types.CloseTicketDocument,
    "\n  mutation MergeTicket($id: ID!, $intoId: ID!, $expectedVersion: Int) {\n    mergeTicket(id: $id, intoId: $intoId, expectedVersion: $expectedVersion) { id version status }\n  }\n": types.MergeTicketDocument,
    "\n  mutation UploadEvidence($input: UploadEvidenceInput!) {\n    uploadEvidence(input: $input) { id fileName }\n  }\n": types.UploadEvidenceDocument,
    "\n  query TicketByNumber($number: String!) {\n    ticketByNumber(number: $number) { id number title status }\n  }\n": types.TicketByNumberDocument,
    "\n  query HandlerCandidates($unitId: ID!) {\n    orgUnits(filter: { within: $unitId, status: ACTIVE }, first: 200) {\n      edges { node { id name } }\n    }\n    members(filter: { within: $unitId, status: ACTIVE }, first: 100) {\n      edges { node { id name assignments(last: 10) { unitId role to } } }\n    }\n  }\n": types.HandlerCandidatesDocument,
    "\n  query SameLevelUnits($level: OrgLevel!) {\n    orgUnits(filter: { level: $level, status: ACTIVE }, first: 100) {\n      edges { node { id name } }\n    }\n  }\n": types.SameLevelUnitsDocument,
    "\n  query Viewer {\n    me {\n      id\n      kind\n      permissions\n      grants {\n        role\n        unitId\n      }\n      member {\n        id\n        name\n        assignments {\n          unitId\n          role\n          to\n          unit {\n            id\n            name\n            level\n          }\n        }\n      }\n    }\n  }\n": types.ViewerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadCount {\n    me {\n      member {\n        id\n        unreadNotificationCount\n      }\n    }\n  }\n"): typeof import('./graphql').UnreadCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): typeof import('./graphql').SignOutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnitsWithin($within: ID) {\n    orgUnits(filter: { within: $within, status: ACTIVE }, first: 200) {\n      edges {\n        node {\n          id\n          name\n          level\n          parentId\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').UnitsWithinDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnitFigures($id: ID!, $from: DateTime!, $to: DateTime!) {\n    ticketStats(within: $id, from: $from, to: $to) {\n      received\n      accepted\n      resolved\n      closed\n      overdue\n      feedbacks\n      satisfied\n      completionRate\n      onTimeRate\n      satisfactionRate\n    }\n  }\n"): typeof import('./graphql').UnitFiguresDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Trend($id: ID!, $f0: DateTime!, $t0: DateTime!, $f1: DateTime!, $t1: DateTime!, $f2: DateTime!, $t2: DateTime!, $f3: DateTime!, $t3: DateTime!, $f4: DateTime!, $t4: DateTime!, $f5: DateTime!, $t5: DateTime!) {\n    m0: ticketStats(within: $id, from: $f0, to: $t0) { received resolved overdue }\n    m1: ticketStats(within: $id, from: $f1, to: $t1) { received resolved overdue }\n    m2: ticketStats(within: $id, from: $f2, to: $t2) { received resolved overdue }\n    m3: ticketStats(within: $id, from: $f3, to: $t3) { received resolved overdue }\n    m4: ticketStats(within: $id, from: $f4, to: $t4) { received resolved overdue }\n    m5: ticketStats(within: $id, from: $f5, to: $t5) { received resolved overdue }\n  }\n"): typeof import('./graphql').TrendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Ranking($id: ID!, $level: OrgLevel!, $key: String!) {\n    ranking(parentId: $id, level: $level, period: { kind: MONTH, key: $key }, first: 20) {\n      edges {\n        node {\n          subjectId\n          rank\n          score\n          received\n          resolved\n          completionRate\n          onTimeRate\n          satisfactionRate\n          unit {\n            name\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').RankingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Compliance($id: ID!) {\n    weeklyCompliance(within: $id, first: 100) {\n      week\n      compliant\n      member {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').ComplianceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GridCoverage($id: ID!, $from: DateTime!, $to: DateTime!) {\n    householdCoverage(gridId: $id, from: $from, to: $to) {\n      households\n      visitedHouseholds\n      coverageRate\n      completedVisits\n    }\n    unvisitedHouseholds(gridId: $id, tags: [\"POOR\", \"ELDERLY_ALONE\"], first: 20) {\n      tags\n      lastVisitedAt\n      priority\n      household {\n        id\n        head\n        address\n      }\n    }\n  }\n"): typeof import('./graphql').GridCoverageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($phone: String!, $password: String!) {\n    login(phone: $phone, password: $password) {\n      token\n      expiresAt\n    }\n  }\n"): typeof import('./graphql').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Inbox {\n    myNotifications(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          text\n          ticketId\n          ticketNumber\n          occurredAt\n          readAt\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').InboxDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids) {\n      id\n      readAt\n    }\n  }\n"): typeof import('./graphql').MarkReadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnitPeople($id: ID!) {\n    orgUnit(id: $id) {\n      id\n      name\n      code\n      level\n      households\n      population\n      partyOrg {\n        name\n        secretaryName\n      }\n    }\n    members(filter: { within: $id, status: ACTIVE }, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          phone\n          isPartyMember\n          assignments(last: 5) {\n            role\n            unitId\n            to\n            unit {\n              name\n            }\n          }\n        }\n      }\n    }\n    households(filter: { within: $id }, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          head\n          address\n          size\n          tags\n          phone\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').UnitPeopleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyQueue {\n    myQueue(first: 100) {\n      id\n      number\n      title\n      status\n      level\n      priority\n      overdue\n      categoryName\n      acceptDueAt\n      resolveDueAt\n      handlerDueAt\n      createdAt\n      unit {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').MyQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TicketCategories {\n    ticketCategories {\n      code\n      name\n      active\n      examples\n    }\n  }\n"): typeof import('./graphql').TicketCategoriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportTicket($input: ReportTicketInput!) {\n    reportTicket(input: $input) {\n      id\n      number\n    }\n  }\n"): typeof import('./graphql').ReportTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SimilarTickets($within: ID!, $category: String!) {\n    tickets(filter: { within: $within, category: $category }, first: 10) {\n      edges {\n        node {\n          id\n          number\n          title\n          status\n          address\n          createdAt\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SimilarTicketsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TicketDetail($id: ID!) {\n    ticket(id: $id) {\n      id\n      number\n      title\n      description\n      category\n      categoryName\n      channel\n      priority\n      status\n      level\n      overdue\n      version\n      allowedActions\n      acceptDueAt\n      resolveDueAt\n      handlerDueAt\n      acceptedAt\n      resolution\n      resolvedAt\n      closedAt\n      createdAt\n      escalationCount\n      reopenCount\n      supervisionCount\n      overdueCount\n      location {\n        address\n        geo {\n          lat\n          lng\n        }\n        unit {\n          id\n          name\n        }\n      }\n      reporter {\n        name\n        phone\n        anonymous\n      }\n      unit {\n        id\n        name\n        level\n      }\n      handler {\n        id\n        name\n      }\n      handlerUnit {\n        id\n        name\n      }\n      feedback {\n        satisfaction\n        comment\n        at\n      }\n      timeline(last: 50) {\n        at\n        action\n        from\n        to\n        note\n        level\n        automatic\n        satisfaction\n        actor {\n          id\n          name\n        }\n        unit {\n          id\n          name\n        }\n        handler {\n          id\n          name\n        }\n        evidence {\n          id\n          fileName\n          contentType\n          downloadPath\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').TicketDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptTicket($id: ID!, $note: String, $expectedVersion: Int) {\n    acceptTicket(id: $id, note: $note, expectedVersion: $expectedVersion) { id version status }\n  }\n"): typeof import('./graphql').AcceptTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectTicket($id: ID!, $reason: String!, $expectedVersion: Int) {\n    rejectTicket(id: $id, reason: $reason, expectedVersion: $expectedVersion) { id version status }\n  }\n"): typeof import('./graphql').RejectTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DispatchTicket($id: ID!, $input: DispatchTicketInput!, $expectedVersion: Int) {\n    dispatchTicket(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }\n  }\n"): typeof import('./graphql').DispatchTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTicket($id: ID!, $note: String, $evidenceIds: [ID!], $expectedVersion: Int) {\n    startTicket(id: $id, note: $note, evidenceIds: $evidenceIds, expectedVersion: $expectedVersion) { id version status }\n  }\n"): typeof import('./graphql').StartTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddProgress($id: ID!, $input: AddProgressInput!, $expectedVersion: Int) {\n    addProgress(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }\n  }\n"): typeof import('./graphql').AddProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveTicket($id: ID!, $input: ResolveTicketInput!, $expectedVersion: Int) {\n    resolveTicket(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }\n  }\n"): typeof import('./graphql').ResolveTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EscalateTicket($id: ID!, $reason: String!, $expectedVersion: Int) {\n    escalateTicket(id: $id, reason: $reason, expectedVersion: $expectedVersion) { id version status }\n  }\n"): typeof import('./graphql').EscalateTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransferTicket($id: ID!, $input: TransferTicketInput!, $expectedVersion: Int) {\n    transferTicket(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }\n  }\n"): typeof import('./graphql').TransferTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SuperviseTicket($id: ID!, $note: String!, $expectedVersion: Int) {\n    superviseTicket(id: $id, note: $note, expectedVersion: $expectedVersion) { id version status }\n  }\n"): typeof import('./graphql').SuperviseTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordFeedback($id: ID!, $input: FeedbackInput!, $expectedVersion: Int) {\n    recordFeedback(id: $id, input: $input, expectedVersion: $expectedVersion) { id version status }\n  }\n"): typeof import('./graphql').RecordFeedbackDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReopenTicket($id: ID!, $reason: String!, $expectedVersion: Int) {\n    reopenTicket(id: $id, reason: $reason, expectedVersion: $expectedVersion) { id version status }\n  }\n"): typeof import('./graphql').ReopenTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseTicket($id: ID!, $expectedVersion: Int) {\n    closeTicket(id: $id, expectedVersion: $expectedVersion) { id version status }\n  }\n"): typeof import('./graphql').CloseTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeTicket($id: ID!, $intoId: ID!, $expectedVersion: Int) {\n    mergeTicket(id: $id, intoId: $intoId, expectedVersion: $expectedVersion) { id version status }\n  }\n"): typeof import('./graphql').MergeTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UploadEvidence($input: UploadEvidenceInput!) {\n    uploadEvidence(input: $input) { id fileName }\n  }\n"): typeof import('./graphql').UploadEvidenceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TicketByNumber($number: String!) {\n    ticketByNumber(number: $number) { id number title status }\n  }\n"): typeof import('./graphql').TicketByNumberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HandlerCandidates($unitId: ID!) {\n    orgUnits(filter: { within: $unitId, status: ACTIVE }, first: 200) {\n      edges { node { id name } }\n    }\n    members(filter: { within: $unitId, status: ACTIVE }, first: 100) {\n      edges { node { id name assignments(last: 10) { unitId role to } } }\n    }\n  }\n"): typeof import('./graphql').HandlerCandidatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SameLevelUnits($level: OrgLevel!) {\n    orgUnits(filter: { level: $level, status: ACTIVE }, first: 100) {\n      edges { node { id name } }\n    }\n  }\n"): typeof import('./graphql').SameLevelUnitsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      id\n      kind\n      permissions\n      grants {\n        role\n        unitId\n      }\n      member {\n        id\n        name\n        assignments {\n          unitId\n          role\n          to\n          unit {\n            id\n            name\n            level\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ViewerDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
