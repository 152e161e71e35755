/**
 * Lists and replays dead letters (`<topic>.dlq`) once their cause is fixed.
 *
 *   npm run dlq -- list   <topic> [--key K] [--reason TEXT]
 *   npm run dlq -- replay <topic> [--key K] [--reason TEXT] [--dry-run]
 *
 * Broker: KAFKA_BROKERS (default 127.0.0.1:9092). list prints one JSON line per dead letter; replay
 * prints a JSON summary. Each dead letter is replayed at most once (the replayer's consumer group
 * remembers); one that fails again comes back as a new dead letter. Exit: 0 done, 2 could not run.
 */
import { closeKafkaLeftovers, createKafka, DlqReplayer } from '@qa/messaging';

const USAGE = 'usage: npm run dlq -- list|replay <topic> [--key K] [--reason TEXT] [--dry-run]';

async function main(argv: string[]): Promise<number> {
  const [command, topic, ...rest] = argv;
  const opts: { key?: string; reasonContains?: string; dryRun?: boolean } = {};
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--key' && rest[i + 1] !== undefined) opts.key = rest[++i];
    else if (rest[i] === '--reason' && rest[i + 1] !== undefined) opts.reasonContains = rest[++i];
    else if (rest[i] === '--dry-run') opts.dryRun = true;
    else {
      console.error(`unknown option ${rest[i]}\n${USAGE}`);
      return 2;
    }
  }
  if ((command !== 'list' && command !== 'replay') || !topic || topic.endsWith('.dlq')) {
    console.error(`${USAGE}\n(<topic> is the original topic, e.g. qa.call.ingested.v1)`);
    return 2;
  }
  const kafka = createKafka(
    'qa-dlq-tool',
    (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  );
  const replayer = new DlqReplayer(kafka);
  try {
    if (command === 'list') {
      const letters = await replayer.list(topic, opts);
      for (const d of letters) console.log(JSON.stringify(d));
      console.error(`${letters.length} dead letter(s) on ${topic}.dlq`);
    } else {
      console.log(JSON.stringify(await replayer.replay(topic, opts)));
    }
    return 0;
  } finally {
    await closeKafkaLeftovers(kafka);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`dlq: ${(err as Error)?.message ?? String(err)}`);
    process.exit(2);
  },
);
