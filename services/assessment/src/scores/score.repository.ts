import { Injectable } from '@nestjs/common';
import { applyOnceByPartitionWatermark, type MessagePosition } from '@steward/events';
import { InjectMongo } from '@steward/service-kit';
import type { Connection, Model } from 'mongoose';
import type { Period } from './periods';
import type { Counters, Subject } from './score-rules';
import { scoreId, scoreSchema, type ScoreDocument } from './score.schema';

/** The only code that touches the scores collection. */
@Injectable()
export class ScoreRepository {
  private readonly scores: Model<ScoreDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.scores = connection.model<ScoreDocument>('Score', scoreSchema);
  }

  find(subjectId: string, period: Period): Promise<ScoreDocument | null> {
    return this.scores.findById(scoreId(subjectId, period.kind, period.key)).lean<ScoreDocument>().exec();
  }

  /** Adds `increments` once per Kafka message, however often the message is delivered. */
  increment(subject: Subject, period: Period, increments: Partial<Counters>, position: MessagePosition): Promise<boolean> {
    return applyOnceByPartitionWatermark(
      this.scores.collection,
      scoreId(subject.id, period.kind, period.key),
      {
        $inc: increments,
        $setOnInsert: { subjectId: subject.id, subjectType: subject.type, periodKind: period.kind, periodKey: period.key },
      },
      position,
    );
  }
}
