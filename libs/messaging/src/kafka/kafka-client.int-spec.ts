import { closeKafkaLeftovers, createKafka } from './kafka-client';

const openKafkaSockets = () =>
  (process as unknown as { _getActiveHandles(): unknown[] })
    ._getActiveHandles()
    .filter((h) => (h as { remotePort?: number }).remotePort === kafkaPort).length;
const kafkaPort = Number(process.env.KAFKA_BROKERS!.split(',')[0].split(':')[1]);

/** Against the real broker: a client's connections can always be closed at shutdown. */
describe('closeKafkaLeftovers', () => {
  it('closes the connections a client still holds, and kafkajs lets go of them', async () => {
    const kafka = createKafka('leftovers-test', process.env.KAFKA_BROKERS!.split(','));
    const before = openKafkaSockets();
    const admin = kafka.admin();
    await admin.connect();
    await admin.listTopics();
    expect(openKafkaSockets()).toBeGreaterThan(before);

    expect(await closeKafkaLeftovers(kafka)).toBeGreaterThan(0);

    expect(openKafkaSockets()).toBe(before);
    expect(await closeKafkaLeftovers(kafka)).toBe(0);
    // kafkajs saw the connection end: a new request reconnects instead of hanging.
    expect(await admin.listTopics()).toEqual(expect.any(Array));
    await admin.disconnect();
    expect(await closeKafkaLeftovers(kafka)).toBe(0);
  });

  it('leaves an idle connection idle (no kafkajs 1 ms polling loop)', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const queue = require('kafkajs/src/network/requestQueue') as {
      prototype: { checkPendingRequests(): void };
    };
    const kafka = createKafka('idle-test', process.env.KAFKA_BROKERS!.split(','));
    const admin = kafka.admin();
    await admin.connect();
    await admin.listTopics();
    const original = queue.prototype.checkPendingRequests;
    let checks = 0;
    queue.prototype.checkPendingRequests = function (this: unknown) {
      checks++;
      original.call(this);
    };
    try {
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      queue.prototype.checkPendingRequests = original;
      await admin.disconnect();
    }
    // Unpatched kafkajs checks about 900 times a second per connection.
    expect(checks).toBeLessThan(10);
  });
});
