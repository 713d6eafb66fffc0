// Types of tools/stack.cjs for the TypeScript tests that start a stack (the
// script itself stays plain CommonJS: `npm start`, the seeds and the
// benchmarks run it without a build).
import type { ChildProcess } from 'node:child_process';
import type { Principal, UserContextHeaders } from '@steward/auth';

export type SubgraphName = 'org' | 'members' | 'tickets' | 'visits' | 'assessment' | 'notifications';

export declare const SUBGRAPHS: readonly { name: SubgraphName; port: number }[];
export declare const GATEWAY_PORT: number;
/** instance k ≥ 2 of a subgraph listens on its port + offset + INSTANCE_PORT_STEP × (k − 1) */
export declare const INSTANCE_PORT_STEP: number;

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
  /**
   * processes per subgraph: a number (every subgraph) or a map by name (others: 1). Instance 1 is named
   * after the subgraph on its port + offset; instance k ≥ 2 is `<subgraph>-<k>` on port + offset + 2000 × (k − 1).
   * The gateway gets every instance's URL.
   */
  instances?: number | Partial<Record<SubgraphName, number>>;
  /** each process writes a V8 CPU profile into <profileDir>/<name>/ when it exits */
  profileDir?: string;
}

/** A process name: the gateway, a subgraph's instance 1 (`tickets`) or a later instance (`tickets-2`). */
export type ProcessName = SubgraphName | 'gateway' | `${SubgraphName}-${number}`;

export interface StackProcess {
  name: ProcessName;
  /** the subgraph this process is an instance of; undefined for the gateway */
  subgraph: SubgraphName | undefined;
  /** 1, 2, …: the instance number within its subgraph (the gateway: 1) */
  instance: number;
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
  /** the GraphQL URL of a subgraph (its instance 1) or of one instance by name (`tickets-2`) */
  subgraphUrl(name: Exclude<ProcessName, 'gateway'>): string;
  /** the GraphQL URLs of every instance of a subgraph, in instance order (those added by `addInstance` too) */
  subgraphUrls(name: SubgraphName): string[];
  processes: StackProcess[];
  /** each process logs to `<logDir>/<name>.log` */
  logDir: string;
  /** kills one process (SIGKILL by default: no graceful shutdown, as in a crash) */
  kill(name: ProcessName, signal?: NodeJS.Signals): Promise<void>;
  /** starts a stopped process again, optionally with changed environment, and waits for its health */
  restart(name: ProcessName, envOverrides?: Record<string, string>): Promise<void>;
  /**
   * starts one more instance of a subgraph (next instance number and port) and waits for its health; the
   * gateway's URL list does not change: it joins the subgraph's consumer groups and takes direct calls
   */
  addInstance(subgraph: SubgraphName, options?: { env?: Record<string, string> }): Promise<StackProcess>;
  stop(): Promise<void>;
}

export declare function startStack(options?: StackOptions): Promise<Stack>;
export declare function loginThrough(url: string | undefined, phone: string, password: string): Promise<{ authorization: string }>;
