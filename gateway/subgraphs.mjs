// The six subgraphs, their local ports, and the environment variable that
// overrides each URL in other deployments (docker-compose, Kubernetes).
export const SUBGRAPHS = [
  { name: 'org', port: 4001, urlVariable: 'ORG_SUBGRAPH_URL' },
  { name: 'members', port: 4002, urlVariable: 'MEMBERS_SUBGRAPH_URL' },
  { name: 'tickets', port: 4003, urlVariable: 'TICKETS_SUBGRAPH_URL' },
  { name: 'visits', port: 4004, urlVariable: 'VISITS_SUBGRAPH_URL' },
  { name: 'assessment', port: 4005, urlVariable: 'ASSESSMENT_SUBGRAPH_URL' },
  { name: 'notifications', port: 4006, urlVariable: 'NOTIFICATIONS_SUBGRAPH_URL' },
];
