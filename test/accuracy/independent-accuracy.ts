import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  defaultScorecard,
  evaluateCall,
  getCompiledScorecard,
  type CallInput,
  type Outcome,
} from '@qa/qa-rules';
import { loadLabelledCalls } from '../../libs/qa-rules/test/fixtures/labelled-calls';

/** The default scorecard's automatic rules, in DESIGN.md order, plus the complaint signal. */
export const RULE_IDS = [
  'answer.within-three-rings',
  'answer.late-apology',
  'greeting.opening',
  'closing.farewell',
  'closing.customer-hangs-up-first',
  'hold.announced',
  'forbidden.phrases',
  'interruption',
  'empathy.on-dissatisfaction',
  'resolution.confirmed',
  'resolution.promise-has-time',
  'callback.script',
] as const;
export type RuleId = (typeof RULE_IDS)[number];
export const COMPLAINT_ROW = 'complaintDetected';
export type RowId = RuleId | typeof COMPLAINT_ROW;
export const ROW_IDS: readonly RowId[] = [...RULE_IDS, COMPLAINT_ROW];

export const SPLITS = ['tune', 'holdout'] as const;
export type Split = (typeof SPLITS)[number];

/**
 * Where a call is counted: the first set's two halves, or the fresh held-out set
 * (independent-fresh/, written later by other blind writers; every call there is `holdout`).
 * The first set's holdout was looked at during tuning, so it is reported as spent.
 */
export const HALVES = ['tune', 'holdout', 'fresh'] as const;
export type Half = (typeof HALVES)[number];
export const HALF_LABELS: Record<Half, string> = {
  tune: 'tune',
  holdout: 'spent holdout (looked at during tuning)',
  fresh: 'fresh holdout',
};

export interface LabelledCall {
  call: CallInput;
  split: Split;
  style: string;
  script: string;
  expected: Record<RuleId, Outcome>;
  complaintDetected: boolean;
  why?: Partial<Record<RowId, string>>;
}

export interface LabelledFile {
  file: string;
  industry: string;
  tenant: { tenantId: string; companyName: string; secondsPerRing: number };
  calls: LabelledCall[];
}

export const INDEPENDENT_DIR = join(__dirname, 'independent');
export const FRESH_DIR = join(__dirname, 'independent-fresh');
export const BASELINE_FILE = join(__dirname, 'independent-baseline.json');

/** The labelled files in `dir`; none when the directory does not exist (yet). */
export function loadIndependentSet(dir = INDEPENDENT_DIR): LabelledFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(join(dir, file), 'utf8')) as object) }))
    .map((f) => f as LabelledFile);
}

const OUTCOMES: readonly string[] = ['pass', 'fail', 'not_applicable'];
const isIso = (v: unknown): boolean => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** Everything wrong with the labelled set's shape: an empty list means every call decodes and is fully labelled. */
export function labelProblems(files: LabelledFile[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const f of files) {
    if (!f.tenant?.companyName || !(f.tenant.secondsPerRing > 0))
      problems.push(`${f.file}: tenant needs companyName and secondsPerRing`);
    if (!Array.isArray(f.calls) || f.calls.length === 0) problems.push(`${f.file}: no calls`);
    for (const [i, x] of (f.calls ?? []).entries()) {
      const c = x.call;
      const at = `${f.file}#${i} ${c?.callId ?? '?'}`;
      if (!c || typeof c.callId !== 'string') {
        problems.push(`${at}: no call`);
        continue;
      }
      if (ids.has(c.callId)) problems.push(`${at}: duplicate callId`);
      ids.add(c.callId);
      if (c.tenantId !== f.tenant.tenantId)
        problems.push(`${at}: tenantId differs from the file's`);
      if (!['inbound', 'outbound'].includes(c.direction)) problems.push(`${at}: direction`);
      if (!['service', 'complaint', 'callback'].includes(c.purpose))
        problems.push(`${at}: purpose`);
      if (!['customer', 'agent', 'system'].includes(c.hangupBy)) problems.push(`${at}: hangupBy`);
      if (!isIso(c.startedAt) || !isIso(c.answeredAt) || !isIso(c.endedAt))
        problems.push(`${at}: startedAt/answeredAt/endedAt must be ISO times`);
      else if (
        Date.parse(c.answeredAt as string) < Date.parse(c.startedAt) ||
        Date.parse(c.endedAt) < Date.parse(c.answeredAt as string)
      )
        problems.push(`${at}: times out of order`);
      if (!Array.isArray(c.segments) || c.segments.length === 0)
        problems.push(`${at}: no segments`);
      for (const [j, s] of (c.segments ?? []).entries())
        if (
          !['agent', 'customer'].includes(s.speaker) ||
          typeof s.text !== 'string' ||
          s.text.length === 0 ||
          !(s.endMs > s.startMs) ||
          s.startMs < 0
        )
          problems.push(`${at}: segment ${j} malformed`);
      if (!SPLITS.includes(x.split)) problems.push(`${at}: split must be tune or holdout`);
      for (const r of RULE_IDS)
        if (!OUTCOMES.includes(x.expected?.[r])) problems.push(`${at}: ${r} not labelled`);
      const extra = Object.keys(x.expected ?? {}).filter(
        (k) => !(RULE_IDS as readonly string[]).includes(k),
      );
      if (extra.length) problems.push(`${at}: unknown rules labelled: ${extra.join(', ')}`);
      if (typeof x.complaintDetected !== 'boolean')
        problems.push(`${at}: complaintDetected not labelled`);
    }
  }
  return problems;
}

export interface HalfAgreement {
  agree: number;
  total: number;
  /** agree / total, 4 decimals. */
  rate: number;
}

export interface Disagreement {
  callId: string;
  split: Half;
  expected: string;
  got: string;
}

export interface RowAgreement {
  ruleId: RowId;
  tune: HalfAgreement;
  /** The first set's holdout: spent, since its disagreements were looked at during tuning. */
  holdout: HalfAgreement;
  /** The fresh held-out set (independent-fresh/). */
  fresh: HalfAgreement;
  /** The engine's own 113-call corpus (libs/qa-rules/test/fixtures), for comparison. */
  oldCorpus: HalfAgreement;
  disagreements: Disagreement[];
}

export interface AccuracyReport {
  calls: Record<Half, number>;
  rows: RowAgreement[];
  /** Calls the engine threw on or answered without a finding for a labelled rule. */
  engineProblems: string[];
}

/**
 * Runs the engine with the default scorecard (each file's company name) over every labelled call:
 * `files` by their own split, `freshFiles` (the fresh held-out set) all as `fresh`.
 */
export function measureAgreement(
  files: LabelledFile[],
  freshFiles: LabelledFile[] = [],
): AccuracyReport {
  const compiled = getCompiledScorecard(defaultScorecard());
  const zero = (): Record<Half, { agree: number; total: number }> => ({
    tune: { agree: 0, total: 0 },
    holdout: { agree: 0, total: 0 },
    fresh: { agree: 0, total: 0 },
  });
  const counts = new Map(ROW_IDS.map((r) => [r, zero()]));
  const disagreements = new Map<RowId, Disagreement[]>(ROW_IDS.map((r) => [r, []]));
  const calls: Record<Half, number> = { tune: 0, holdout: 0, fresh: 0 };
  const engineProblems: string[] = [];
  const tally = (row: RowId, x: LabelledCall, at: Half, expected: string, got: string): void => {
    const half = counts.get(row)![at];
    half.total++;
    if (expected === got) half.agree++;
    else disagreements.get(row)!.push({ callId: x.call.callId, split: at, expected, got });
  };
  const sets: [LabelledFile, Half | undefined][] = [
    ...files.map((f): [LabelledFile, undefined] => [f, undefined]),
    ...freshFiles.map((f): [LabelledFile, Half] => [f, 'fresh']),
  ];
  for (const [f, as] of sets) {
    const context = { companyName: f.tenant.companyName, secondsPerRing: f.tenant.secondsPerRing };
    for (const x of f.calls) {
      const at: Half = as ?? x.split;
      calls[at]++;
      let got: Map<string, Outcome>;
      let complaint: boolean | undefined;
      try {
        const result = evaluateCall(compiled, x.call, context);
        got = new Map(result.findings.map((fd) => [fd.ruleId, fd.outcome]));
        complaint = result.complaint.detected;
      } catch (e) {
        engineProblems.push(`${x.call.callId}: engine threw ${(e as Error).message}`);
        got = new Map();
      }
      for (const r of RULE_IDS) {
        const outcome = got.get(r);
        if (outcome === undefined) engineProblems.push(`${x.call.callId}: no finding for ${r}`);
        tally(r, x, at, x.expected[r], outcome ?? 'missing');
      }
      tally(COMPLAINT_ROW, x, at, String(x.complaintDetected), String(complaint ?? 'missing'));
    }
  }
  const half = (h: { agree: number; total: number }): HalfAgreement => ({
    ...h,
    rate: h.total ? Math.round((h.agree / h.total) * 10_000) / 10_000 : 1,
  });
  const old = oldCorpusAgreement(compiled);
  return {
    calls,
    rows: ROW_IDS.map((ruleId) => ({
      ruleId,
      tune: half(counts.get(ruleId)!.tune),
      holdout: half(counts.get(ruleId)!.holdout),
      fresh: half(counts.get(ruleId)!.fresh),
      oldCorpus: half(old.get(ruleId)!),
      disagreements: disagreements.get(ruleId)!,
    })),
    engineProblems,
  };
}

/** Agreement per row on the engine's own labelled corpus, whose authors wrote the phrase lists. */
function oldCorpusAgreement(
  compiled: ReturnType<typeof getCompiledScorecard>,
): Map<RowId, { agree: number; total: number }> {
  const out = new Map<RowId, { agree: number; total: number }>(
    ROW_IDS.map((r) => [r, { agree: 0, total: 0 }]),
  );
  for (const x of loadLabelledCalls()) {
    const r = evaluateCall(compiled, x.call, x.context);
    const got = new Map<string, string>(r.findings.map((f) => [f.ruleId, f.outcome]));
    got.set(COMPLAINT_ROW, String(r.complaint.detected));
    const want = new Map<string, string>(
      Object.entries(x.expected).map(([k, v]) => [k, String(v)]),
    );
    want.set(COMPLAINT_ROW, String(x.expected.complaint));
    for (const row of ROW_IDS) {
      if (!want.has(row)) continue;
      const t = out.get(row)!;
      t.total++;
      if (want.get(row) === got.get(row)) t.agree++;
    }
  }
  return out;
}

/**
 * The committed floor: agreement counts per row and half that must not drop. The fresh holdout's
 * floor is optional: it is checked once written (after its one measurement), not before.
 */
export type Baseline = Record<
  string,
  Record<Split, { agree: number; total: number }> & { fresh?: { agree: number; total: number } }
>;

export function toBaseline(report: AccuracyReport): Baseline {
  const floor = (h: HalfAgreement): { agree: number; total: number } => ({
    agree: h.agree,
    total: h.total,
  });
  return Object.fromEntries(
    report.rows.map((r) => [
      r.ruleId,
      {
        tune: floor(r.tune),
        holdout: floor(r.holdout),
        ...(report.calls.fresh ? { fresh: floor(r.fresh) } : {}),
      },
    ]),
  );
}

/** Rows whose agreement fell below the baseline, or whose call count no longer matches it. */
export function regressions(report: AccuracyReport, baseline: Baseline): string[] {
  const out: string[] = [];
  for (const r of report.rows)
    for (const s of HALVES) {
      const floor = baseline[r.ruleId]?.[s];
      if (!floor) {
        if (s !== 'fresh') out.push(`${r.ruleId} ${s}: no baseline`);
      } else if (floor.total !== r[s].total)
        out.push(`${r.ruleId} ${s}: ${r[s].total} calls but the baseline has ${floor.total}`);
      else if (r[s].agree < floor.agree)
        out.push(
          `${r.ruleId} ${s}: ${r[s].agree}/${r[s].total} agree, the baseline is ${floor.agree}`,
        );
    }
  return out;
}

/**
 * The report as printed: held-out disagreements (spent and fresh) are counted but not listed, so
 * nobody tunes on them by accident. `listed` names the halves whose disagreements stay listed
 * (run.ts: `--show-spent` adds the spent holdout, `--show-holdout` both).
 */
export function withoutHoldoutCalls(
  report: AccuracyReport,
  listed: readonly Half[] = ['tune'],
): AccuracyReport {
  return {
    ...report,
    rows: report.rows.map((r) => ({
      ...r,
      disagreements: r.disagreements.filter((d) => listed.includes(d.split)),
    })),
  };
}

const COLUMN: Record<Half, string> = {
  tune: 'tune',
  holdout: 'spent holdout',
  fresh: 'fresh holdout',
};

export function formatTable(report: AccuracyReport): string {
  const pct = (h: HalfAgreement): string => `${h.rate.toFixed(3)} (${h.agree}/${h.total})`;
  const cols: Half[] = report.calls.fresh ? [...HALVES] : ['tune', 'holdout'];
  const lines = [
    `independent sets: ${cols.map((h) => `${report.calls[h]} ${HALF_LABELS[h]}`).join(' + ')} calls, default scorecard`,
    `${'rule'.padEnd(34)}${cols.map((h) => COLUMN[h].padEnd(18)).join('')}old corpus`,
  ];
  for (const r of report.rows)
    lines.push(
      `${r.ruleId.padEnd(34)}${cols.map((h) => pct(r[h]).padEnd(18)).join('')}${pct(r.oldCorpus)}`,
    );
  lines.push('', 'disagreements (callId [half] expected -> engine; held-out ones only counted):');
  for (const r of report.rows) {
    if (!r.disagreements.length) continue;
    lines.push(`  ${r.ruleId}:`);
    for (const d of r.disagreements)
      lines.push(`    ${d.callId} [${d.split}] ${d.expected} -> ${d.got}`);
  }
  if (report.engineProblems.length)
    lines.push('', 'engine problems:', ...report.engineProblems.map((p) => `  ${p}`));
  return lines.join('\n');
}
