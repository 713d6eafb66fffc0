// The dashboard and the alert rules under infra/observability/ are read by
// Grafana and Prometheus, not by the code: this keeps them in step with it.
// Every metric they name must be one the apps export (the registry after the
// registrations the apps make), every rule must be complete, and
// `promtool check rules` must accept the rules when promtool is installed
// (Debian's `prometheus` package has it).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { registerKafkaMetrics } from '@steward/service-kit/core';
import type { Kafka } from 'kafkajs';
import { register } from 'prom-client';
import { parse } from 'yaml';
import { registerTicketMetrics } from '../../services/tickets/src/application/ticket-metrics';

const dir = path.resolve(__dirname, '../observability');

interface Rule {
  alert?: string;
  expr?: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** What the apps register: the kit's metrics at load, Kafka's and tickets' when they start (no connection is made here). */
function exportedMetricNames(): Set<string> {
  registerKafkaMetrics({} as Kafka);
  registerTicketMetrics({} as Parameters<typeof registerTicketMetrics>[0], {} as Parameters<typeof registerTicketMetrics>[1]);
  return new Set(register.getMetricsAsArray().map((metric) => metric.name));
}

/** The steward_* metric names an expression uses, histogram series mapped to their metric. */
function metricsIn(expr: string): string[] {
  return [...new Set([...expr.matchAll(/\bsteward_[a-z0-9_]+/g)].map(([name]) => name.replace(/_(bucket|sum|count)$/, '')))];
}

describe('infra/observability', () => {
  const exported = exportedMetricNames();
  const rules = (parse(fs.readFileSync(path.join(dir, 'alerts.yml'), 'utf8')) as { groups: { name: string; rules: Rule[] }[] }).groups.flatMap(
    (group) => group.rules,
  );
  const dashboard = JSON.parse(fs.readFileSync(path.join(dir, 'grafana-dashboard.json'), 'utf8')) as {
    panels: { title: string; targets: { expr: string }[] }[];
  };

  it('exports the metrics the README names', () => {
    for (const name of [
      'steward_graphql_operation_duration_seconds',
      'steward_http_responses_total',
      'steward_consumer_lag_messages',
      'steward_outbox_pending_events',
      'steward_outbox_oldest_pending_age_seconds',
      'steward_dlq_messages',
      'steward_events_handled_total',
      'steward_events_failed_total',
      'steward_event_handler_retries_total',
      'steward_event_delay_seconds',
      'steward_tickets_open',
      'steward_tickets_overdue',
    ]) {
      expect(exported).toContain(name);
    }
  });

  it('has the alerts an operator needs, each complete', () => {
    expect(rules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining(['StewardConsumerLagGrowing', 'StewardOutboxStale', 'StewardDeadLetters', 'StewardHttp5xxRate']),
    );
    for (const rule of rules) {
      expect({ alert: rule.alert, severity: typeof rule.labels?.severity, summary: typeof rule.annotations?.summary, description: typeof rule.annotations?.description }).toEqual({
        alert: rule.alert,
        severity: 'string',
        summary: 'string',
        description: 'string',
      });
    }
    // the outbox alert means "older than a minute"
    expect(rules.find((rule) => rule.alert === 'StewardOutboxStale')?.expr).toMatch(/steward_outbox_oldest_pending_age_seconds\)\s*>\s*60\b/);
  });

  it('names in every alert and panel only metrics the apps export', () => {
    const unknown = [
      ...rules.flatMap((rule) => metricsIn(rule.expr ?? '').map((name) => `${rule.alert}: ${name}`)),
      ...dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => metricsIn(target.expr).map((name) => `${panel.title}: ${name}`))),
    ].filter((entry) => !exported.has(entry.slice(entry.lastIndexOf(' ') + 1)));
    expect(unknown).toEqual([]);
    expect(rules.every((rule) => metricsIn(rule.expr ?? '').length > 0)).toBe(true);
  });

  it('has the dashboard panels: chain latency, consumer lag, outbox age, error rates, overdue tickets', () => {
    const titles = dashboard.panels.map((panel) => panel.title).join('\n');
    for (const topic of [/chain latency/i, /consumer lag/i, /outbox/i, /error rates/i, /overdue tickets/i]) expect(titles).toMatch(topic);
    expect(dashboard.panels.every((panel) => panel.targets.length > 0)).toBe(true);
  });

  const promtool = (() => {
    try {
      execFileSync('promtool', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  (promtool ? it : it.skip)('passes promtool check rules', () => {
    const output = execFileSync('promtool', ['check', 'rules', path.join(dir, 'alerts.yml')], { encoding: 'utf8' });
    expect(output).toContain('SUCCESS');
  });
});
