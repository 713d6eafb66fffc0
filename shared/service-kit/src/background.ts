/**
 * Long-running work beside the HTTP server: outbox relays, event consumers,
 * replicas. Started before the server listens; stopped in phase order on
 * shutdown: consumers first (no new effects), then relays (flush pending
 * events), then whatever holds connections.
 */
export type ShutdownPhase = 'consumers' | 'relays' | 'connections';

export interface BackgroundTask {
  name: string;
  phase: ShutdownPhase;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const PHASE_ORDER: ShutdownPhase[] = ['consumers', 'relays', 'connections'];

export class BackgroundTasks {
  private readonly tasks: BackgroundTask[] = [];

  /** @param relaysEnabled false: outbox relays stay dormant (see `OUTBOX_RELAY_ENABLED`) */
  constructor(readonly relaysEnabled = true) {}

  private readonly started: BackgroundTask[] = [];

  register(task: BackgroundTask): void {
    this.tasks.push(task);
  }

  /** Connections first, then relays, then consumers: the reverse of the stop order. */
  async startAll(): Promise<void> {
    const ordered = [...PHASE_ORDER].reverse().flatMap((phase) => this.tasks.filter((task) => task.phase === phase));
    for (const task of ordered) {
      await task.start();
      this.started.push(task);
    }
  }

  async stopAll(onError: (task: BackgroundTask, error: unknown) => void): Promise<void> {
    for (const phase of PHASE_ORDER) {
      const inPhase = this.started.filter((task) => task.phase === phase);
      await Promise.all(
        inPhase.map((task) => task.stop().catch((error: unknown) => onError(task, error))),
      );
    }
    this.started.length = 0;
  }
}
