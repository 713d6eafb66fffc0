import { isRetriableKafkaError, retryRetriableKafka } from './kafka-retry';

const retriable = Object.assign(new Error('This server is not the leader for that topic-partition'), { retriable: true });
const fatal = Object.assign(new Error('Topic authorization failed'), { retriable: false });

describe('retryRetriableKafka', () => {
  it('retries retriable errors until the operation succeeds', async () => {
    let calls = 0;
    const result = await retryRetriableKafka(async () => {
      calls += 1;
      if (calls < 3) throw retriable;
      return 'offsets';
    });
    expect(result).toBe('offsets');
    expect(calls).toBe(3);
  });

  it('rethrows a non-retriable error at once', async () => {
    let calls = 0;
    await expect(
      retryRetriableKafka(async () => {
        calls += 1;
        throw fatal;
      }),
    ).rejects.toBe(fatal);
    expect(calls).toBe(1);
  });

  it('gives up with the last error once the deadline has passed', async () => {
    await expect(retryRetriableKafka(async () => Promise.reject(retriable), 0)).rejects.toBe(retriable);
  });

  it('recognises only errors kafkajs marks retriable', () => {
    expect(isRetriableKafkaError(retriable)).toBe(true);
    expect(isRetriableKafkaError(fatal)).toBe(false);
    expect(isRetriableKafkaError('text')).toBe(false);
  });

  it('judges kafkajs giving up after its own retries by the error it gave up on', () => {
    const exhausted = (cause: Error) => Object.assign(new Error(cause.message), { name: 'KafkaJSNumberOfRetriesExceeded', retriable: false, cause });
    const coordinatorLoading = Object.assign(new Error('The coordinator is loading and hence can\'t process requests for this group'), { retriable: true });
    expect(isRetriableKafkaError(exhausted(coordinatorLoading))).toBe(true);
    expect(isRetriableKafkaError(exhausted(fatal))).toBe(false);
    expect(isRetriableKafkaError(Object.assign(new Error('other'), { retriable: false, cause: coordinatorLoading }))).toBe(false);
  });
});
