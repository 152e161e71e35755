import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultScorecard, evaluateCall, getCompiledScorecard } from '@qa/qa-rules';
import { type Dialogue, REAL_CORPUS_DIR, toCall } from '../../libs/qa-rules/tools/real-corpus';

/**
 * Issue 16 item 5: forbidden.phrases against hand labels of real dialogues, at the dialogue level.
 * The dialogues are research-only: read in place from ../shared/corpus/real, never copied; the
 * labels (ids and verdicts, no text) stay outside the repository too. Only ids are printed.
 */
export interface RealLabel {
  file: string;
  id: string;
  verdict: 'violation' | 'clean';
  /** Agent turns (indexes into the dialogue's turns) the labeller found a brush-off in. */
  turns?: number[];
  picked_by?: string;
}

export interface RealForbiddenReport {
  corpus: string;
  labels: string;
  labelled: number;
  /** Labels whose dialogue is not in the corpus (a wrong id or file). */
  unknown: string[];
  clean: { total: number; flagged: number; falsePositiveRate: number };
  violations: { total: number; flagged: number; recall: number };
  /** Violations the engine flagged, but none of them in a turn the labeller named. */
  flaggedElsewhere: string[];
  falsePositives: string[];
  missed: string[];
  byPick: Record<
    string,
    { clean: number; flaggedClean: number; violations: number; found: number }
  >;
}

const rate = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 10_000) / 10_000);

/** Why the measurement cannot run (no corpus, no labels), or undefined when it can. */
export function realForbiddenUnavailable(labelsPath: string, corpusDir = REAL_CORPUS_DIR) {
  if (!existsSync(corpusDir)) return `no real corpus at ${corpusDir}`;
  if (!existsSync(labelsPath)) return `no labels at ${labelsPath}`;
  return undefined;
}

export function measureRealForbidden(
  labelsPath: string,
  corpusDir = REAL_CORPUS_DIR,
): RealForbiddenReport {
  const labels = readFileSync(labelsPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as RealLabel);
  const dialogues = new Map<string, Dialogue>();
  for (const file of readdirSync(corpusDir).filter((f) => f.endsWith('.jsonl')))
    for (const line of readFileSync(join(corpusDir, file), 'utf8').split('\n'))
      if (line.trim()) {
        const d = JSON.parse(line) as Dialogue;
        dialogues.set(`${file}:${d.dialogueId}`, d);
      }
  const compiled = getCompiledScorecard(defaultScorecard());
  const report: RealForbiddenReport = {
    corpus: resolve(corpusDir),
    labels: resolve(labelsPath),
    labelled: labels.length,
    unknown: [],
    clean: { total: 0, flagged: 0, falsePositiveRate: 0 },
    violations: { total: 0, flagged: 0, recall: 0 },
    flaggedElsewhere: [],
    falsePositives: [],
    missed: [],
    byPick: {},
  };
  for (const label of labels) {
    const key = `${label.file}:${label.id}`;
    const d = dialogues.get(key);
    if (!d) {
      report.unknown.push(key);
      continue;
    }
    const r = evaluateCall(compiled, toCall(d), { companyName: '', secondsPerRing: 3 });
    const f = r.findings.find((x) => x.ruleId === 'forbidden.phrases');
    const flagged = f?.outcome === 'fail';
    const pick = (report.byPick[label.picked_by ?? 'unknown'] ??= {
      clean: 0,
      flaggedClean: 0,
      violations: 0,
      found: 0,
    });
    if (label.verdict === 'violation') {
      report.violations.total++;
      pick.violations++;
      if (!flagged) report.missed.push(key);
      else {
        report.violations.flagged++;
        pick.found++;
        const turns = new Set(f.evidence.map((e) => e.segment));
        if (label.turns?.length && !label.turns.some((t) => turns.has(t)))
          report.flaggedElsewhere.push(key);
      }
    } else {
      report.clean.total++;
      pick.clean++;
      if (flagged) {
        report.clean.flagged++;
        pick.flaggedClean++;
        report.falsePositives.push(key);
      }
    }
  }
  report.clean.falsePositiveRate = rate(report.clean.flagged, report.clean.total);
  report.violations.recall = rate(report.violations.flagged, report.violations.total);
  return report;
}
