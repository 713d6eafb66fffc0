import { isEventIn, ticketEvents, visitEvents, watermarkKey, type EventEnvelope, type PositionedEvent } from '@steward/events';
import { addIncrements, isEmpty, memberSubject, unitSubjects, zeroCounters, type Counter, type Credit, type Increments, type SubjectRef } from '../domain/counters';
import { PERIOD_KINDS, periodId, type Period } from '../domain/periods';
import { ticketEffect } from '../domain/ticket-rules';
import { visitEffect, type Coverage } from '../domain/visit-rules';
import type { AdjustmentCandidate, CounterSheet } from '../persistence/projection-documents';
import { decodeClaims, decodeRow, encodeClaims, encodeRow, keyOf, type Row } from '../persistence/sheet-codec';
import type { SheetStore } from '../persistence/sheet-store';

/** The events the projection counts (others have no effect). */
export const projectedEvents = [...ticketEvents, ...visitEvents];

/** A sheet changed between the projector's read and its write (another instance wrote it): apply the chunk again. */
export class SheetConflictError extends Error {}

/** Points between the writes of one chunk, for crash drills in tests. */
export type ProjectionStage = 'coverage' | 'counters-partly' | 'counters' | 'adjustments';

export interface ProjectorOptions {
  /** called after each stage of a chunk; a throw there leaves the chunk half-applied, as a crash would */
  afterStage?: (stage: ProjectionStage, chunk: { topic: string; partition: number; firstOffset: number }) => void | Promise<void>;
}

/** One message's share in one subject's counters. */
interface DocEffect {
  subject: SubjectRef;
  period: Period;
  increments: Increments;
  /** the watermark key of the message's topic-partition, and its offset there */
  wmKey: string;
  offset: number;
  event: EventEnvelope;
}

/** Consecutive messages of one topic-partition (decoded), as the consumer hands them over. */
export interface ProjectorChunk {
  topic: string;
  partition: number;
  events: PositionedEvent[];
}

/** One message of a chunk with where it was read. */
interface PlacedMessage extends PositionedEvent {
  topic: string;
  partition: number;
  wmKey: string;
  /** `topic:partition:offset` */
  position: string;
}

/** Households one message reached, for one owner (the grid, or the member) in one period. */
interface CoverageIntent {
  /** the grid's or member's id */
  owner: string;
  /** whose householdsCovered grows with each household new to the owner */
  targets: SubjectRef[];
  period: Period;
  households: string[];
  position: string;
  wmKey: string;
  offset: number;
  event: EventEnvelope;
}

/**
 * Applies chunks of consecutive messages (at most one chunk per topic-partition) to a
 * generation, exactly once in effect however often (and however split into
 * chunks) the messages are delivered:
 *
 * 1. each message's counter increments come from the pure counting rules;
 * 2. households reached by visits are claimed in the owner's coverage sheet
 *    by the first message that reached them (its position is stored, so a
 *    re-delivered message recognises its own claim); each claim adds
 *    householdsCovered to the owner and, for a grid, every unit above it;
 * 3. each counter sheet (the subjects of one bucket in one period) gets the
 *    increments of the messages above its watermark for this partition, and
 *    the new watermark, in one replace guarded by the version read (if another
 *    writer came first the chunk fails and is retried);
 * 4. subjects under a unit whose period is being closed leave adjustment
 *    candidates (idempotent upserts keyed by event, subject and period).
 * The consumer commits the offsets only after all of it.
 */
/**
 * Step 0, before all of the above: a copy of an event at another position (the
 * outbox relay re-publishing after a crash, an operator replaying) carries the
 * same aggregate id and version as the original. The first position to carry
 * them claims the pair; later copies are dropped, while a re-delivery of the
 * claiming message itself recognises its claim and goes on (its sheets'
 * watermarks then keep it from counting twice).
 */
export class Projector {
  constructor(
    private readonly store: SheetStore,
    private readonly options: ProjectorOptions = {},
  ) {}

  get generation(): string {
    return this.store.generation;
  }

  /** `heartbeat` is called between writes so a long chunk does not cost the consumer its group membership. */
  apply(topic: string, partition: number, messages: PositionedEvent[], heartbeat: () => Promise<void> = async () => undefined): Promise<void> {
    return this.applyChunks([{ topic, partition, events: messages }], heartbeat);
  }

  /**
   * Applies the chunks of several topic-partitions (at most one each) in one
   * pass: each sheet they touch is read and written once for all of them,
   * with a watermark per partition. The consumer's group commit (several
   * partitions' batches waiting at once) costs one pass instead of one each.
   */
  async applyChunks(chunks: readonly ProjectorChunk[], heartbeat: () => Promise<void> = async () => undefined): Promise<void> {
    const placed = chunks.flatMap(({ topic, partition, events }) => {
      const wmKey = watermarkKey(topic, partition);
      return events.map((message): PlacedMessage => ({ ...message, topic, partition, wmKey, position: `${topic}:${partition}:${message.offset}` }));
    });
    const messages = await this.dropCopies(placed);
    if (messages.length === 0) return;
    const chunk = { topic: messages[0].topic, partition: messages[0].partition, firstOffset: messages[0].offset };
    const stage = async (name: ProjectionStage) => this.options.afterStage?.(name, chunk);

    const effects: DocEffect[] = [];
    const intents: CoverageIntent[] = [];
    for (const { event, offset, wmKey, position } of messages) {
      if (isEventIn(ticketEvents, event)) {
        const effect = ticketEffect(event.type, event.data);
        spread(effects, effect.credits, effect.periods, wmKey, offset, event);
      } else if (isEventIn(visitEvents, event)) {
        const effect = visitEffect(event.type, event.data);
        if (!effect) continue;
        spread(effects, effect.credits, effect.periods, wmKey, offset, event);
        if (effect.coverage) intents.push(...coverageIntents(effect.coverage, effect.periods, position, wmKey, offset, event));
      }
    }

    if (intents.length > 0) {
      effects.push(...(await this.claimHouseholds(intents, heartbeat)));
      await stage('coverage');
    }

    // shortest periods first, so a crash between two sheets leaves e.g. the week written and the year not
    const sheets = [...groupBy(effects, (effect) => `${PERIOD_KINDS.indexOf(effect.period.kind)}:${periodId(effect.period)}#${this.store.counterBucket(effect.subject.id)}`)]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, sheetEffects]) => sheetEffects);
    // the sheets are separate documents: read all at once, then write the shorter half of the periods, then the rest
    const stored = await Promise.all(sheets.map((sheetEffects) => this.store.readSheet(sheetEffects[0].period, this.store.counterBucket(sheetEffects[0].subject.id))));
    // (a heartbeat after each sheet, as when they were written one by one)
    const half = Math.ceil(sheets.length / 2);
    const write = (sheetEffects: DocEffect[], index: number) => this.writeSheet(sheetEffects, stored[index]).then(heartbeat);
    await Promise.all(sheets.slice(0, half).map((sheetEffects, index) => write(sheetEffects, index)));
    if (half < sheets.length) {
      await stage('counters-partly');
      await Promise.all(sheets.slice(half).map((sheetEffects, index) => write(sheetEffects, half + index)));
    }
    await stage('counters');

    await this.recordCandidates(effects);
    await stage('adjustments');
  }

  /** The messages that are not copies of an event first seen at another position (see the class comment). */
  private async dropCopies(messages: PlacedMessage[]): Promise<PlacedMessage[]> {
    const dropped = new Set<PlacedMessage>();
    const groups = groupBy(messages, ({ event }) => `${event.time.slice(0, 7)}#${this.store.eventClaimBucket(event.subject)}`);
    for (const group of groups.values()) {
      const month = group[0].event.time.slice(0, 7);
      const bucket = this.store.eventClaimBucket(group[0].event.subject);
      const stored = await this.store.readEventClaims(month, bucket);
      const aggregates = new Map<string, Map<string, string>>();
      let changed = false;
      for (const message of group) {
        const key = keyOf(message.event.subject);
        let claims = aggregates.get(key);
        if (!claims) {
          claims = decodeClaims(stored?.entries.get(key));
          aggregates.set(key, claims);
        }
        const version = String(message.event.aggregateversion);
        const { position } = message;
        const by = claims.get(version);
        if (by === undefined) {
          claims.set(version, position);
          changed = true;
        } else if (by !== position) {
          dropped.add(message);
        }
      }
      if (changed) {
        const changed = new Map([...aggregates].map(([key, claims]) => [key, encodeClaims(claims)]));
        if (!(await this.store.replaceEventClaims(month, bucket, stored, { v: (stored?.v ?? 0) + 1, changed }))) {
          throw new SheetConflictError(`event claims ${month}#${bucket} changed meanwhile; the chunk will be retried`);
        }
      }
    }
    return messages.filter((message) => !dropped.has(message));
  }

  /** Claims households in the coverage sheets; returns the householdsCovered increments of this chunk's claims. */
  private async claimHouseholds(intents: CoverageIntent[], heartbeat: () => Promise<void>): Promise<DocEffect[]> {
    const effects: DocEffect[] = [];
    const groups = groupBy(intents, (intent) => `${periodId(intent.period)}#${this.store.coverageBucket(intent.owner)}`);
    for (const sheetIntents of groups.values()) {
      const period = sheetIntents[0].period;
      const bucket = this.store.coverageBucket(sheetIntents[0].owner);
      const stored = await this.store.readCoverage(period, bucket);
      const owners = new Map<string, Map<string, string>>();
      let changed = false;
      for (const intent of sheetIntents) {
        const key = keyOf(intent.owner);
        let claims = owners.get(key);
        if (!claims) {
          claims = decodeClaims(stored?.entries.get(key));
          owners.set(key, claims);
        }
        for (const household of intent.households) {
          const by = claims.get(household);
          if (by === undefined) {
            claims.set(household, intent.position);
            changed = true;
          } else if (by !== intent.position) {
            continue;
          }
          for (const subject of intent.targets) {
            effects.push({ subject, period, increments: { householdsCovered: 1 }, wmKey: intent.wmKey, offset: intent.offset, event: intent.event });
          }
        }
      }
      if (changed) {
        const changed = new Map([...owners].map(([key, claims]) => [key, encodeClaims(claims)]));
        if (!(await this.store.replaceCoverage(period, bucket, stored, { v: (stored?.v ?? 0) + 1, changed }))) {
          throw new SheetConflictError(`coverage sheet ${periodId(period)}#${bucket} changed meanwhile; the chunk will be retried`);
        }
      }
      await heartbeat();
    }
    return effects;
  }

  /** One guarded replace of one sheet as read (`stored`), adding per subject the messages the sheet has not seen yet (per partition). */
  private async writeSheet(effects: DocEffect[], stored: CounterSheet | null): Promise<void> {
    const { period } = effects[0];
    const bucket = this.store.counterBucket(effects[0].subject.id);
    // one pass over the effects (a rebuild's chunk has millions): rows in the order their subjects first appear
    const rows = new Map<string, { row: Row; scope: Set<string> }>();
    const wm = { ...stored?.wm };
    for (const effect of effects) {
      const seen = stored?.wm[effect.wmKey];
      if (seen !== undefined && effect.offset <= seen) continue;
      const { subject, increments } = effect;
      let changing = rows.get(subject.id);
      if (!changing) {
        const encoded = stored?.rows.get(keyOf(subject.id));
        const row = encoded === undefined ? { kind: subject.kind, counters: zeroCounters(), scope: [] } : decodeRow(encoded);
        changing = { row, scope: new Set(row.scope) };
        rows.set(subject.id, changing);
      }
      for (const name in increments) changing.row.counters[name as Counter] += increments[name as Counter] ?? 0;
      for (const unit of subject.scope) changing.scope.add(unit);
      if ((wm[effect.wmKey] ?? -1) < effect.offset) wm[effect.wmKey] = effect.offset;
    }
    if (rows.size === 0) return;
    const changed = new Map<string, string>();
    for (const [subjectId, { row, scope }] of rows) changed.set(keyOf(subjectId), encodeRow({ ...row, scope: [...scope] }));
    if (!(await this.store.replaceSheet(period, bucket, stored, { v: (stored?.v ?? 0) + 1, wm, changed }))) {
      throw new SheetConflictError(`counter sheet ${periodId(period)}#${bucket} changed meanwhile; the chunk will be retried`);
    }
  }

  private async recordCandidates(effects: DocEffect[]): Promise<void> {
    if (effects.length === 0) return;
    const periodKeys = [...new Set(effects.map((effect) => effect.period.key))];
    // the few closures of these periods; whether one covers an effect's subject is checked below
    const closures = await this.store.findClosures(periodKeys);
    if (closures.length === 0) return;
    const recordedAt = new Date();
    const candidates = new Map<string, AdjustmentCandidate>();
    for (const effect of effects) {
      const covered = closures.some(
        (closure) =>
          closure.periodKind === effect.period.kind && closure.periodKey === effect.period.key && effect.subject.scope.includes(closure.unitId),
      );
      if (!covered || isEmpty(effect.increments)) continue;
      const id = `${effect.event.id}|${effect.subject.id}|${periodId(effect.period)}`;
      const existing = candidates.get(id);
      candidates.set(id, {
        _id: id,
        eventId: effect.event.id,
        eventType: effect.event.type,
        eventTime: effect.event.time,
        subjectId: effect.subject.id,
        subjectKind: effect.subject.kind,
        periodKind: effect.period.kind,
        periodKey: effect.period.key,
        scope: effect.subject.scope,
        increments: existing ? addIncrements(existing.increments, effect.increments) : effect.increments,
        wmKey: effect.wmKey,
        offset: effect.offset,
        recordedAt,
      });
    }
    await this.store.writeCandidates([...candidates.values()]);
  }
}

/** Adds an effect per credit and period to `effects`. */
function spread(effects: DocEffect[], credits: Credit[], periods: Period[], wmKey: string, offset: number, event: EventEnvelope): void {
  for (const period of periods) {
    for (const { subject, increments } of credits) effects.push({ subject, period, increments, wmKey, offset, event });
  }
}

/**
 * A household counts once per period for the grid of the visit (and so for
 * every unit above it: a household belongs to one grid) and once for the
 * visiting member.
 */
function coverageIntents(coverage: Coverage, periods: Period[], position: string, wmKey: string, offset: number, event: EventEnvelope): CoverageIntent[] {
  const households = [...new Set(coverage.householdIds)];
  if (households.length === 0 || coverage.orgPath.length === 0) return [];
  const grid = coverage.orgPath[coverage.orgPath.length - 1];
  return periods.flatMap((period) => [
    { owner: grid, targets: unitSubjects(coverage.orgPath), period, households, position, wmKey, offset, event },
    {
      owner: coverage.memberId,
      targets: [memberSubject(coverage.memberId, coverage.orgPath)],
      period,
      households,
      position,
      wmKey,
      offset,
      event,
    },
  ]);
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
