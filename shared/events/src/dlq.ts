import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import {
  DLQ_HEADER_CONSUMER_GROUP,
  DLQ_HEADER_ERROR,
  DLQ_HEADER_ORIGINAL_OFFSET,
  DLQ_HEADER_ORIGINAL_PARTITION,
  DLQ_HEADER_ORIGINAL_TOPIC,
  DLQ_HEADER_REASON,
  type DlqReason,
} from './kafka-headers';

const MAX_ERROR_HEADER_LENGTH = 2_000;

/**
 * The message to park on `<topic>.dlq`: original key, value and headers, plus
 * headers telling why and where it came from.
 */
export function toDlqMessage(
  original: Pick<KafkaMessage, 'key' | 'value' | 'headers'>,
  source: { topic: string; partition: number; offset: string; groupId: string },
  reason: DlqReason,
  error: string,
): Message {
  const headers: IHeaders = {
    ...original.headers,
    [DLQ_HEADER_ERROR]: error.slice(0, MAX_ERROR_HEADER_LENGTH),
    [DLQ_HEADER_REASON]: reason,
    [DLQ_HEADER_ORIGINAL_TOPIC]: source.topic,
    [DLQ_HEADER_ORIGINAL_PARTITION]: String(source.partition),
    [DLQ_HEADER_ORIGINAL_OFFSET]: source.offset,
    [DLQ_HEADER_CONSUMER_GROUP]: source.groupId,
  };
  return { key: original.key, value: original.value, headers };
}
