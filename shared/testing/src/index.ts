export * from './infra';
export * from './wait-for';
export * from './graphql-client';
export * from './authorize-stack';
export * from './topic-reader';
export * from './fake-sms-provider';
