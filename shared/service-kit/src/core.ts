/**
 * The framework-free part of the kit (`@steward/service-kit/core`): no NestJS,
 * Apollo or Express, so the gateway, command-line tools and unit specs load it
 * without the framework. The package index re-exports all of it beside the
 * NestJS modules, decorators and GraphQL types. eslint.config.mjs keeps these
 * modules free of framework imports.
 */
export * from './background';
export * from './config';
export * from './connections';
export * from './logger';
export * from './keyset-page';
export * from './list-size';
export * from './outbox-relay.task';
export * from './event-consumer.task';
export * from './backfill.task';
export * from './leader-task';
export * from './org-repath';
export * from './org-repath.task';
export * from './client-error-codes';
export * from './content-disposition';
export * from './metrics';
export * from './tracing-config';
export * from './with-timeout';
