import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import type { DynamicModule, Type } from '@nestjs/common';
import { GraphQLISODateTime, GraphQLModule } from '@nestjs/graphql';
import type { ServiceConfig } from './config';
import { buildRequestContext } from './access-context';
import { createErrorFormatter } from './graphql-errors';
import type { Logger } from './logger';
import { graphqlObservabilityPlugin } from './observability';

/**
 * @apollo/server ships a CommonJS and an ES build. This CommonJS module gets the
 * former, @nestjs/apollo (ES only) the latter, and TypeScript sees two distinct
 * plugin types. The disabled-plugin marker is a plain object Apollo recognizes
 * by its id, so it works with either build.
 */
type NestApolloPlugin = NonNullable<ApolloFederationDriverConfig['plugins']>[number];
const inlineTraceDisabled = ApolloServerPluginInlineTraceDisabled() as NestApolloPlugin;

/**
 * Every description in the schema is bilingual (中文 / English, checked by
 * gateway/src/schema-descriptions.spec.ts), the DateTime scalar Nest supplies too.
 */
GraphQLISODateTime.description =
  'UTC 日期时间字符串（ISO-8601），如 2019-12-03T09:54:33Z / A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format';

/**
 * The Federation 2 subgraph of a service, code first. Its SDL is written to
 * services/<name>/schema.graphql (checked in) by `--emit-schema` (see bootstrap).
 */
export function federatedGraphQLModule(
  config: ServiceConfig,
  logger: Logger,
  /** Entity types this subgraph only extends (no field of its own returns them). */
  orphanedTypes: Type<unknown>[] = [],
): DynamicModule {
  const isProduction = config.environment === 'production';
  return GraphQLModule.forRoot<ApolloFederationDriverConfig>({
    driver: ApolloFederationDriver,
    autoSchemaFile: { federation: 2 },
    buildSchemaOptions: { orphanedTypes },
    sortSchema: true,
    path: '/graphql',
    graphiql: false,
    playground: false,
    introspection: !isProduction,
    includeStacktraceInErrorResponses: !isProduction,
    plugins: [inlineTraceDisabled, graphqlObservabilityPlugin(logger) as NestApolloPlugin],
    context: buildRequestContext,
    formatError: createErrorFormatter(isProduction, (error) =>
      logger.error({ err: error }, 'unexpected error in a resolver'),
    ),
  });
}
