import type { Logger } from '@steward/service-kit/core';
import { INTERNAL_ERROR, Open311Error, open311ErrorOf, type GraphQLErrorLike } from './open311-errors';
import type { ApiKey } from './open311-params';
import type { IssuedToken } from './token-cache';

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: GraphQLErrorLike[];
}

/**
 * The adapter's way to Village Steward: the public GraphQL API over HTTP (by
 * default the gateway's own `/graphql` on loopback), so every limit, sign-in
 * and authorisation rule applies to Open311 as to any client. Errors become
 * `Open311Error`s; what is not the caller's fault is logged and masked.
 */
export class StewardApi {
  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  async call<T>(operation: string, query: string, variables: Record<string, unknown>, token: string | undefined): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ operationName: operation, query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      this.logger.error({ err: error, operation }, 'open311: the GraphQL API did not answer');
      throw new Open311Error(500, INTERNAL_ERROR);
    }
    if (response.status === 429) throw open311ErrorOf([], 429);
    let answer: GraphQLAnswer<T>;
    try {
      answer = (await response.json()) as GraphQLAnswer<T>;
    } catch (error) {
      this.logger.error({ err: error, operation, status: response.status }, 'open311: the GraphQL API answered no JSON');
      throw new Open311Error(500, INTERNAL_ERROR);
    }
    if (answer.errors && answer.errors.length > 0) {
      const error = open311ErrorOf(answer.errors, response.status);
      if (error.status === 500) this.logger.error({ operation, errors: answer.errors.map(({ message, extensions }) => ({ message, code: extensions?.code })) }, 'open311: GraphQL error');
      throw error;
    }
    if (!answer.data) {
      this.logger.error({ operation, status: response.status }, 'open311: GraphQL answered no data');
      throw new Open311Error(500, INTERNAL_ERROR);
    }
    return answer.data;
  }

  /** `serviceLogin`: a wrong id or secret is 403 (the api_key is not valid). */
  async serviceLogin(key: ApiKey): Promise<IssuedToken> {
    const data = await this.call<{ serviceLogin: { token: string; expiresAt: string } }>(
      'Open311ServiceLogin',
      'mutation Open311ServiceLogin($id: String!, $secret: String!) { serviceLogin(clientId: $id, clientSecret: $secret) { token expiresAt } }',
      { id: key.clientId, secret: key.clientSecret },
      undefined,
    );
    return { token: data.serviceLogin.token, expiresAt: new Date(data.serviceLogin.expiresAt) };
  }
}
