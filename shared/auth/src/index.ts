export * from './principal';
export * from './permissions';
export * from './access';
export * from './user-context';
export * from './masking';
export * from './passwords';
export * from './token-claims';
export * from './grant-rules';
