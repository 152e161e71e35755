/**
 * npm run accuracy — the engine's agreement with the independent labelled set, as JSON.
 * npm run accuracy -- --write-baseline — also raise the committed floor to today's figures.
 * Holdout disagreements are counted, not listed, unless `--show-holdout` is given.
 */
import { writeFileSync } from 'node:fs';
import {
  BASELINE_FILE,
  labelProblems,
  loadIndependentSet,
  measureAgreement,
  toBaseline,
  withoutHoldoutCalls,
} from './independent-accuracy';

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
