import { Processor, WorkerHost } from '@nestjs/bullmq';
import { queuesWithoutProcessor } from './jobs.module';

@Processor('served')
class ServedProcessor extends WorkerHost {
  process(): Promise<void> {
    return Promise.resolve();
  }
}

describe(queuesWithoutProcessor.name, () => {
  it('names each registered queue no processor serves', () => {
    const providers = [
      { token: 'BullQueue_served', metatype: null },
      { token: 'BullQueue_orphan', metatype: null },
      { token: ServedProcessor, metatype: ServedProcessor },
      { token: 'SomethingElse', metatype: class Other {} },
    ];
    expect(queuesWithoutProcessor(providers)).toEqual(['orphan']);
    expect(queuesWithoutProcessor(providers.filter((p) => p.token !== 'BullQueue_orphan'))).toEqual(
      [],
    );
  });
});
