import { Controller, Get, Inject, type OnApplicationShutdown } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Admin, Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { KAFKA, MONGO_CONNECTION } from './tokens';
import { withTimeout } from './with-timeout';

const CHECK_TIMEOUT_MS = 3000;

const answersInTime = <T>(promise: Promise<T>, what: string): Promise<T> =>
  withTimeout(promise, CHECK_TIMEOUT_MS, `${what} did not answer within ${CHECK_TIMEOUT_MS} ms`);

/** `/health/live`: the process runs. `/health/ready`: Mongo and Kafka answer. */
@Controller('health')
export class HealthController implements OnApplicationShutdown {
  private admin: Admin | undefined;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(MONGO_CONNECTION) private readonly mongo: Connection,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.checkMongo(), () => this.checkKafka()]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
  }

  private async checkMongo() {
    const session = this.indicators.check('mongo');
    try {
      const db = this.mongo.db;
      if (!db) return session.down('not connected');
      await answersInTime(db.command({ ping: 1 }), 'mongo');
      return session.up();
    } catch (error) {
      return session.down(error instanceof Error ? error.message : String(error));
    }
  }

  private async checkKafka() {
    const session = this.indicators.check('kafka');
    try {
      this.admin ??= this.kafka.admin();
      await answersInTime(this.admin.connect(), 'kafka');
      const cluster = await answersInTime(this.admin.describeCluster(), 'kafka');
      return session.up({ brokers: cluster.brokers.length });
    } catch (error) {
      return session.down(error instanceof Error ? error.message : String(error));
    }
  }
}
