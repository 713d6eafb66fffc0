export * from './household-registry';
export * from './member-directory';
export * from './org-tree';
export * from './state-replica';
