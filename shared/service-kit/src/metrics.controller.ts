import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { ServiceConfig } from './config';
import { initMetrics, METRICS_CONTENT_TYPE, metricsText } from './metrics';
import { SERVICE_CONFIG } from './tokens';

/** Prometheus metrics: process and Node runtime figures, the business metrics of metrics.ts, plus any the service registers. */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    initMetrics(config.serviceName);
  }

  @Get()
  @Header('Content-Type', METRICS_CONTENT_TYPE)
  metrics(): Promise<string> {
    return metricsText();
  }
}
