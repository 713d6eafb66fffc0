// GraphiQL for developers, bundled from node_modules (no CDN): the gateway serves it at /graphiql outside production.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import { getSession } from '../api';

const fetcher = createGraphiQLFetcher({ url: '/graphql' });
// the console's session in this tab, if any: its token as the Authorization header
const session = getSession();
const headers = session ? JSON.stringify({ Authorization: `Bearer ${session.token}` }, null, 2) : JSON.stringify({ Authorization: 'Bearer <token from login>' }, null, 2);

const DEFAULT_QUERY = `# 村民大管家 GraphQL — sign in first:
# mutation { login(phone: "…", password: "…") { token } }
# then put the token into the Authorization header below.
query Me {
  me { id kind permissions member { name } }
}
`;

const root = document.getElementById('graphiql');
if (root) createRoot(root).render(<GraphiQL fetcher={fetcher} defaultHeaders={headers} defaultQuery={DEFAULT_QUERY} />);
