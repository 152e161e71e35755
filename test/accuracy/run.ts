/**
 * npm run accuracy — the engine's agreement with the independent labelled set, as JSON.
 * npm run accuracy -- --write-baseline — also raise the committed floor to today's figures.
 * Rows: tune, the first set's holdout (spent: looked at during tuning), the fresh holdout
 * (independent-fresh/, when present) and the engine's own corpus. Held-out disagreements are
 * counted, not listed: `--show-spent` lists the spent holdout's, `--show-holdout` both held-out
 * halves'. `--without-fresh` leaves the fresh set out entirely (tuning runs).
 * npm run accuracy -- --real <labels.jsonl> — forbidden.phrases against hand labels of the real
 * dialogues in ../shared/corpus/real (read in place; see real-forbidden.ts). Without the corpus or
 * the labels (as in CI) it says so and exits 0.
 */
import { writeFileSync } from 'node:fs';
import { measureRealForbidden, realForbiddenUnavailable } from './real-forbidden';
import {
  BASELINE_FILE,
  FRESH_DIR,
  HALF_LABELS,
  HALVES,
  labelProblems,
  loadIndependentSet,
  measureAgreement,
  toBaseline,
  withoutHoldoutCalls,
  type Half,
} from './independent-accuracy';

const realAt = process.argv.indexOf('--real');
if (realAt >= 0) {
  const labels = process.argv[realAt + 1] ?? '';
  const why = realForbiddenUnavailable(labels);
  if (why) process.stderr.write(`real-dialogue check skipped: ${why}\n`);
  else process.stdout.write(`${JSON.stringify(measureRealForbidden(labels), null, 2)}\n`);
  process.exit(0);
}

const files = loadIndependentSet();
// --without-fresh: tuning runs that must not see the fresh holdout's figures at all.
const withoutFresh = process.argv.includes('--without-fresh');
const fresh = withoutFresh ? [] : loadIndependentSet(FRESH_DIR);
const problems = [
  ...labelProblems([...files, ...fresh]),
  ...fresh.flatMap((f) =>
    f.calls
      .filter((x) => x.split !== 'holdout')
      .map((x) => `${f.file} ${x.call.callId}: the fresh set is holdout only`),
  ),
];
if (withoutFresh && process.argv.includes('--write-baseline')) {
  process.stderr.write(
    '--write-baseline needs the fresh set measured too (drop --without-fresh)\n',
  );
  process.exit(2);
}
const report = measureAgreement(files, fresh);
const listed: Half[] = process.argv.includes('--show-holdout')
  ? [...HALVES]
  : process.argv.includes('--show-spent')
    ? ['tune', 'holdout']
    : ['tune'];
const shown = withoutHoldoutCalls(report, listed);
process.stdout.write(
  `${JSON.stringify({ halves: HALF_LABELS, labelProblems: problems, ...shown }, null, 2)}\n`,
);
if (process.argv.includes('--write-baseline')) {
  writeFileSync(BASELINE_FILE, `${JSON.stringify(toBaseline(report), null, 2)}\n`);
  process.stderr.write(`baseline written to ${BASELINE_FILE}\n`);
}
if (problems.length) process.exitCode = 1;
