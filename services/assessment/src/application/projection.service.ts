import { Inject, Injectable } from '@nestjs/common';
import { BackgroundTasks, consumerMetrics, InjectConfig, InjectKafka, InjectLogger, InjectMongo, type Logger, type ServiceConfig } from '@steward/service-kit';
import type { Kafka } from 'kafkajs';
import type { Db } from 'mongodb';
import type { Connection } from 'mongoose';
import { ASSESSMENT_SETTINGS, type AssessmentSettings } from './assessment.config';
import type { UnitDirectory } from './org-index';
import { UNIT_DIRECTORY } from './scores.tokens';
import type { GenerationPointer } from '../persistence/generation';
import { readGeneration } from '../persistence/generation.store';
import { ProjectionConsumer } from '../events/projection-consumer';
import { ProjectionStore } from '../persistence/projection.store';
import { Projector } from '../events/projector';

/**
 * Runs the projection of the current generation and gives readers its store.
 * Polls the generation pointer: when a rebuild swaps in another generation,
 * the consumer of the old one stops and one for the new generation continues
 * from the offsets the rebuild committed.
 */
@Injectable()
export class ProjectionService {
  private current: { pointer: GenerationPointer; store: ProjectionStore; consumer: ProjectionConsumer } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private switching: Promise<void> = Promise.resolve();

  constructor(
    @InjectMongo() private readonly connection: Connection,
    @InjectKafka() private readonly kafka: Kafka,
    @InjectConfig() private readonly config: ServiceConfig,
    @InjectLogger() private readonly logger: Logger,
    @Inject(ASSESSMENT_SETTINGS) private readonly settings: AssessmentSettings,
    @Inject(UNIT_DIRECTORY) private readonly units: UnitDirectory,
    tasks: BackgroundTasks,
  ) {
    tasks.register({ name: 'assessment-projection', phase: 'consumers', start: () => this.start(), stop: () => this.stop() });
  }

  /** The store of the generation the service reads. */
  store(): ProjectionStore {
    if (!this.current) throw new Error('the assessment projection has not started');
    return this.current.store;
  }

  get db(): Db {
    const db = this.connection.db;
    if (!db) throw new Error('the Mongo connection is not open');
    return db as unknown as Db;
  }

  private async start(): Promise<void> {
    await this.switchTo(await readGeneration(this.db));
    this.timer = setInterval(() => {
      this.switching = this.switching.then(() => this.follow()).catch((error: unknown) => {
        this.logger.error({ err: error }, 'following the generation pointer failed');
      });
    }, this.settings.generationPollMs);
  }

  private async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.switching;
    await this.current?.consumer.stop();
  }

  private async follow(): Promise<void> {
    const pointer = await readGeneration(this.db);
    if (this.timer && pointer.current !== this.current?.pointer.current) await this.switchTo(pointer);
  }

  private async switchTo(pointer: GenerationPointer): Promise<void> {
    const store = new ProjectionStore(this.db, pointer.current, (unitId) => this.units.pathOf(unitId));
    await store.ensureIndexes();
    const consumer = new ProjectionConsumer({
      kafka: this.kafka,
      groupId: pointer.groupId,
      topics: this.settings.topics,
      projector: new Projector(store),
      logger: this.logger.child({ component: 'projection', generation: pointer.current }),
      replicationFactor: this.config.kafka.replicationFactor,
      observer: consumerMetrics,
    });
    const previous = this.current;
    await previous?.consumer.stop();
    this.current = { pointer, store, consumer };
    await consumer.start();
    if (previous) this.logger.info({ from: previous.pointer.current, to: pointer.current }, 'switched to a rebuilt generation');
  }
}
