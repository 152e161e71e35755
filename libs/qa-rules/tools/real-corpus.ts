/**
 * Runs the engine over the real customer-service dialogues in ../shared/corpus/real/ and prints
 * the forbidden-phrase hit rate, complaint and greeting figures, and a sample of forbidden-phrase
 * hits in context for a person to judge. The dialogues are research-only: they are read in place
 * and printed, never written anywhere. Timing, rings and hang-up side are not in the sources, so
 * the calls get a neutral synthetic timeline (no holds, no overlaps, answered on the second ring).
 *
 *   node -r @swc-node/register libs/qa-rules/tools/real-corpus.ts [corpus-dir] [--sample N] [--all]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileScorecard, defaultScorecard, evaluateCall } from '../src';
import type { CallInput, EvaluationResult } from '../src';

export interface Dialogue {
  source?: string;
  dialogueId: string;
  turns: { speaker: string; text: string }[];
}

interface Hit {
  file: string;
  dialogueId: string;
  turn: number;
  phrase: string;
  context: string;
}

const args = process.argv.slice(2);
const sampleAt = args.indexOf('--sample');
const sampleSize = sampleAt >= 0 ? Number(args[sampleAt + 1]) || 20 : 20;
const positional = args.filter((a, i) => !a.startsWith('--') && i !== sampleAt + 1);
/** Where the research dialogues live: beside the checkout, never inside it. */
export const REAL_CORPUS_DIR = resolve(join(__dirname, '../../../../shared/corpus/real'));
const dir = resolve(positional[0] ?? REAL_CORPUS_DIR);
const CONTEXT_CHARS = 14;

/** A real dialogue as a call: turns in order, 4 s each with a short gap, answered after 6 s. */
export function toCall(d: Dialogue): CallInput {
  const segments = d.turns.map((t, i) => ({
    speaker: t.speaker === 'agent' ? ('agent' as const) : ('customer' as const),
    startMs: i * 4500,
    endMs: i * 4500 + 4000,
    text: String(t.text ?? ''),
  }));
  return {
    callId: d.dialogueId,
    tenantId: 'real-corpus',
    direction: 'inbound',
    purpose: 'service',
    agentId: 'a',
    teamId: 't',
    startedAt: '2026-01-01T09:00:00+08:00',
    answeredAt: '2026-01-01T09:00:06+08:00',
    endedAt: new Date(
      Date.parse('2026-01-01T09:00:06+08:00') + segments.length * 4500 + 1000,
    ).toISOString(),
    hangupBy: 'customer',
    segments,
  };
}

const outcome = (r: EvaluationResult, rule: string) =>
  r.findings.find((f) => f.ruleId === rule)?.outcome;

function main(): void {
  if (!existsSync(dir)) {
    console.error(`no corpus at ${dir}; nothing to do`);
    return;
  }
  const compiled = compileScorecard(defaultScorecard());
  const files: Record<string, unknown>[] = [];
  const hits: Hit[] = [];
  const byPhrase = new Map<string, number>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const dialogues = readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Dialogue);
    let agentTurns = 0;
    let withForbidden = 0;
    let forbiddenHits = 0;
    let complaints = 0;
    let greetingPass = 0;
    let farewellPass = 0;
    for (const d of dialogues) {
      const call = toCall(d);
      agentTurns += call.segments.filter((s) => s.speaker === 'agent').length;
      const r = evaluateCall(compiled, call, { companyName: '', secondsPerRing: 3 });
      const f = r.findings.find((x) => x.ruleId === 'forbidden.phrases');
      if (f?.outcome === 'fail') {
        withForbidden++;
        forbiddenHits += f.evidence.length;
        for (const e of f.evidence) {
          const text = call.segments[e.segment].text;
          byPhrase.set(e.text, (byPhrase.get(e.text) ?? 0) + 1);
          hits.push({
            file,
            dialogueId: d.dialogueId,
            turn: e.segment,
            phrase: e.text,
            context: `${text.slice(Math.max(0, e.start - CONTEXT_CHARS), e.start)}【${e.text}】${text.slice(e.end, e.end + CONTEXT_CHARS)}`,
          });
        }
      }
      if (r.complaint.detected) complaints++;
      if (outcome(r, 'greeting.opening') === 'pass') greetingPass++;
      if (outcome(r, 'closing.farewell') === 'pass') farewellPass++;
    }
    const pct = (n: number) => Number(((100 * n) / Math.max(1, dialogues.length)).toFixed(1));
    files.push({
      file,
      dialogues: dialogues.length,
      agentTurns,
      dialoguesWithForbiddenPhrase: withForbidden,
      forbiddenPercentOfDialogues: pct(withForbidden),
      forbiddenHits,
      forbiddenHitsPer1000AgentTurns: Number(
        ((1000 * forbiddenHits) / Math.max(1, agentTurns)).toFixed(1),
      ),
      complaintsDetectedPercent: pct(complaints),
      greetingPassPercent: pct(greetingPass),
      farewellPassPercent: pct(farewellPass),
    });
  }
  // A spread-out, deterministic sample so two runs show the same lines.
  const step = Math.max(1, Math.floor(hits.length / sampleSize));
  const sample = args.includes('--all')
    ? hits
    : hits.filter((_, i) => i % step === 0).slice(0, sampleSize);
  console.log(
    JSON.stringify(
      {
        corpus: dir,
        files,
        totalForbiddenHits: hits.length,
        hitsByPhrase: Object.fromEntries([...byPhrase].sort((a, b) => b[1] - a[1])),
        sample,
      },
      null,
      2,
    ),
  );
}

if (require.main === module) main();
