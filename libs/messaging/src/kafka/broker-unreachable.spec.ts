import {
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import { isBrokerUnreachable } from './broker-unreachable';

describe(isBrokerUnreachable.name, () => {
  it('recognises a broker that is down, also once kafkajs gave up retrying', () => {
    const refused = new KafkaJSConnectionError(
      'Connection error: connect ECONNREFUSED 127.0.0.1:9092',
    );
    for (const err of [
      refused,
      new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 8, retryTime: 5000 }),
      // As the consumer reports a crash: "KafkaJSNonRetriableError, Caused by: KafkaJSConnectionError".
      Object.assign(new KafkaJSNonRetriableError('the consumer stopped'), { cause: refused }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9092'), { code: 'ECONNREFUSED' }),
    ])
      expect([err.message, isBrokerUnreachable(err)]).toEqual([err.message, true]);
  });

  it('does not wait out a refusal that will not change', () => {
    for (const err of [
      new KafkaJSProtocolError('Topic authorization failed'),
      new KafkaJSNonRetriableError('Invalid replication factor'),
      new TypeError('brokers must be a list'),
    ])
      expect([err.message, isBrokerUnreachable(err)]).toEqual([err.message, false]);
  });
});
