import { INestApplication } from '@nestjs/common';
import { createService } from '@qa/platform';
import { sleep } from '@qa/testing';
import request from 'supertest';
import { freePort, PostgresProxy } from '../faults/chaos';

/** A service started before its database and broker (a host's reboot) waits for them, not exits. */
describe('a service started while Postgres and Kafka refuse connections', () => {
  const env = { DATABASE_URL: process.env.DATABASE_URL, KAFKA_BROKERS: process.env.KAFKA_BROKERS };
  const proxies: PostgresProxy[] = [];
  let app: INestApplication | undefined;

  afterAll(async () => {
    await app?.close();
    for (const p of proxies) await p.close();
    Object.assign(process.env, env);
  });

  it('waits for both, then starts and serves', async () => {
    jest.setTimeout(120_000);
    const db = new URL(env.DATABASE_URL!);
    const [host, port] = env.KAFKA_BROKERS!.split(',')[0].split(':');
    const dbProxy = new PostgresProxy(await freePort(), {
      host: db.hostname,
      port: Number(db.port || 5432),
    });
    // Only the first contact goes through the proxy: the broker then advertises its own address.
    const brokerProxy = new PostgresProxy(await freePort(), { host, port: Number(port) });
    proxies.push(dbProxy, brokerProxy);
    db.port = String(dbProxy.port);
    process.env.DATABASE_URL = db.toString();
    process.env.KAFKA_BROKERS = `127.0.0.1:${brokerProxy.port}`;
    const { AppModule } = await import('../../apps/ingestion/src/app.module');
    const { ingestionServiceOptions } = await import('../../apps/ingestion/src/ingestion.options');

    // The database is read while the app is created, the broker when it starts (listen).
    let created = false;
    const creating = createService(AppModule, ingestionServiceOptions).finally(
      () => (created = true),
    );
    await sleep(5_000);
    expect(created).toBe(false);
    await dbProxy.open();
    app = await creating;
    let listening = false;
    const listen = app.listen(0).finally(() => (listening = true));
    // Longer than kafkajs's own connection retries (~25 s), after which it used to give up.
    await sleep(35_000);
    expect(listening).toBe(false);
    await brokerProxy.open();
    await listen;
    const health = await request(app.getHttpServer()).get('/health');
    expect([health.status, health.text]).toEqual([200, health.text]);
    expect(health.status).toBe(200);
  });
});
