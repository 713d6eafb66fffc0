// Types of tools/open311-accounts.cjs for the TypeScript tests.
export declare const OPEN311_DEMO_REPORTER: { id: string; secret: string };
export declare function open311Accounts(options?: { reporter?: { id: string; secret: string }; existing?: string }): Promise<{
  env: { STEWARD_SERVICE_ACCOUNTS: string; OPEN311_CLIENT_ID: string; OPEN311_CLIENT_SECRET: string };
  apiKey: string;
}>;
