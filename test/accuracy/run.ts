/**
 * npm run accuracy — the engine's agreement with the independent labelled set, as JSON.
 * npm run accuracy -- --write-baseline — also raise the committed floor to today's figures.
 * Holdout disagreements are counted, not listed, unless `--show-holdout` is given.
 * npm run accuracy -- --real <labels.jsonl> — forbidden.phrases against hand labels of the real
 * dialogues in ../shared/corpus/real (read in place; see real-forbidden.ts). Without the corpus or
 * the labels (as in CI) it says so and exits 0.
 */
import { writeFileSync } from 'node:fs';
import { measureRealForbidden, realForbiddenUnavailable } from './real-forbidden';
import {
  BASELINE_FILE,
  labelProblems,
  loadIndependentSet,
  measureAgreement,
  toBaseline,
  withoutHoldoutCalls,
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
const problems = labelProblems(files);
const report = measureAgreement(files);
const shown = process.argv.includes('--show-holdout') ? report : withoutHoldoutCalls(report);
process.stdout.write(`${JSON.stringify({ labelProblems: problems, ...shown }, null, 2)}\n`);
if (process.argv.includes('--write-baseline')) {
  writeFileSync(BASELINE_FILE, `${JSON.stringify(toBaseline(report), null, 2)}\n`);
  process.stderr.write(`baseline written to ${BASELINE_FILE}\n`);
}
if (problems.length) process.exitCode = 1;
