// Types of tools/stack.cjs for the TypeScript tests that start a stack (the
// script itself stays plain CommonJS: `npm start`, the seeds and the
// benchmarks run it without a build).
import type { ChildProcess } from 'node:child_process';
import type { Principal, UserContextHeaders } from '@steward/auth';

export type SubgraphName = 'org' | 'members' | 'tickets' | 'visits' | 'assessment';

export declare const SUBGRAPHS: readonly { name: SubgraphName; port: number }[];
export declare const GATEWAY_PORT: number;

export interface StackOptions {
  /** added to every port (tests use their own offsets so they can run beside `npm start`) */
  portOffset?: number;
  /** each subgraph uses database `<prefix>_<name>` and starts new consumer groups at the latest offset */
  databasePrefix?: string;
  logDir?: string;
  /** extra environment for every process */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** start just these subgraphs; the gateway starts only when all five run */
  only?: SubgraphName[];
  /** each process writes a V8 CPU profile into <profileDir>/<name>/ when it exits */
  profileDir?: string;
}

export interface StackProcess {
  name: SubgraphName | 'gateway';
  main: string;
  env: Record<string, string>;
  child: ChildProcess;
  port: number;
}

/** The request a signed user context is made for (see `CredentialRequest` of @steward/testing). */
export interface StackRequest {
  url: string;
  body?: string;
}

export interface Stack {
  /** the gateway's URL (undefined when `only` left out a subgraph) */
  url: string | undefined;
  /** the bootstrap administrator's phone and password */
  admin: { phone: string; password: string };
  /** the master secret of the user context this stack's processes were given */
  signingSecret: string;
  /** headers that make a direct subgraph call come from `principal` (default: the administrator) */
  signedHeaders(principal?: Principal, now?: number): (request: StackRequest) => UserContextHeaders;
  /** signs in through the gateway */
  login(phone?: string, password?: string): Promise<{ authorization: string }>;
  subgraphUrl(name: SubgraphName): string;
  processes: StackProcess[];
  logDir: string;
  /** kills one process (SIGKILL by default: no graceful shutdown, as in a crash) */
  kill(name: SubgraphName | 'gateway', signal?: NodeJS.Signals): Promise<void>;
  /** starts a stopped process again, optionally with changed environment, and waits for its health */
  restart(name: SubgraphName | 'gateway', envOverrides?: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

export declare function startStack(options?: StackOptions): Promise<Stack>;
export declare function loginThrough(url: string | undefined, phone: string, password: string): Promise<{ authorization: string }>;
