import { REQUEST_ID_HEADER, requestIdOf } from '@steward/service-kit/observability';
import type { UserContextSigner } from '@steward/auth';
import type { Logger } from '@steward/service-kit/core';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { principalOf } from './authentication';
import { sendThroughPool, type PoolRequest, type UrlPool } from './subgraph-pool';

/** Response headers of an evidence download passed on to the client. */
const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition', 'etag', 'cache-control', 'x-content-type-options', 'content-security-policy'];

/**
 * `GET /evidence/:id` on the gateway: the caller's token is verified like for
 * /graphql, and the download is fetched from the tickets subgraph with the
 * user context signed for tickets (over the empty body of a GET), which
 * checks the caller may read the ticket. It goes to the tickets instances in
 * turn, as GraphQL requests do (`ticketsPool`), retried on the next one after
 * a connection failure (a GET has no effects).
 */
export function evidenceProxy(ticketsPool: UrlPool, sign: UserContextSigner, logger: Logger, onDown?: PoolRequest<unknown>['onDown']) {
  return async (req: Request, res: Response): Promise<void> => {
    const id = req.params.id;
    if (typeof id !== 'string' || !/^[\w-]{1,128}$/.test(id)) {
      res.status(400).json({ errors: [{ message: 'Not an evidence id', extensions: { code: 'BAD_USER_INPUT' } }] });
      return;
    }
    try {
      const headers = {
        ...sign(principalOf(req), { audience: 'tickets', body: undefined }),
        ...(typeof req.headers['if-none-match'] === 'string' ? { 'if-none-match': req.headers['if-none-match'] } : {}),
        [REQUEST_ID_HEADER]: requestIdOf(req),
      };
      const upstream = await sendThroughPool(ticketsPool, {
        send: (graphqlUrl) => fetch(new URL(`/evidence/${encodeURIComponent(id)}`, graphqlUrl), { headers }),
        retryAfterReset: true,
        onDown,
      });
      res.status(upstream.status);
      for (const name of PASSED_HEADERS) {
        const value = upstream.headers.get(name);
        if (value !== null) res.setHeader(name, value);
      }
      if (!upstream.body) {
        res.end();
        return;
      }
      await pipeline(Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream), res);
    } catch (error) {
      logger.error({ err: error, id }, 'evidence download failed');
      if (!res.headersSent) res.status(502).json({ errors: [{ message: 'The evidence store did not answer', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.destroy();
    }
  };
}
