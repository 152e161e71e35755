import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Admin, Kafka } from 'kafkajs';
import { KAFKA } from '../messaging.options';

@Injectable()
export class KafkaHealthIndicator implements OnModuleDestroy {
  private admin?: Admin;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(key = 'kafka'): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(key);
    try {
      this.admin ??= this.kafka.admin();
      const cluster = await withTimeout(
        this.admin.connect().then(() => this.admin!.describeCluster()),
        3000,
      );
      return session.up({ brokers: cluster.brokers.length });
    } catch (err) {
      const admin = this.admin;
      this.admin = undefined;
      void admin?.disconnect().catch(() => undefined);
      return session.down({ message: (err as Error).message });
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin?.disconnect();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e as Error)),
    );
  });
}
