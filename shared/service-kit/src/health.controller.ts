import { Controller, Get, Inject, type OnApplicationShutdown } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Admin, Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { KAFKA, MONGO_CONNECTION } from './tokens';

const CHECK_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref(),
    ),
  ]);
}

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
      await withTimeout(db.command({ ping: 1 }), 'mongo');
      return session.up();
    } catch (error) {
      return session.down(error instanceof Error ? error.message : String(error));
    }
  }

  private async checkKafka() {
    const session = this.indicators.check('kafka');
    try {
      this.admin ??= this.kafka.admin();
      await withTimeout(this.admin.connect(), 'kafka');
      const cluster = await withTimeout(this.admin.describeCluster(), 'kafka');
      return session.up({ brokers: cluster.brokers.length });
    } catch (error) {
      return session.down(error instanceof Error ? error.message : String(error));
    }
  }
}
