/**
 * Runs the engine over the real customer-service dialogues in ../shared/corpus/real/ (research
 * licences: read in place, never copied into this repository) and prints forbidden-phrase and
 * complaint hit rates with a sample of hits in context, for a person to judge.
 * Usage: node -r @swc-node/register libs/qa-rules/tools/real-corpus.ts [corpus-dir] [--sample N]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileScorecard, defaultScorecard, evaluateCall } from '../src';

interface Dialogue {
  dialogueId: string;
  turns: { speaker: string; text: string }[];
}

const dir = resolve(
  process.argv[2] && !process.argv[2].startsWith('--')
    ? process.argv[2]
    : join(__dirname, '../../../../shared/corpus/real'),
);
const sampleSize = Number(process.argv[process.argv.indexOf('--sample') + 1]) || 20;
if (!existsSync(dir)) {
  console.error(`no corpus at ${dir}; nothing to do`);
  process.exit(0);
}

const compiled = compileScorecard(defaultScorecard());
const perFile: Record<string, unknown>[] = [];
const hits: { file: string; id: string; phrase: string; context: string }[] = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean);
  let dialogues = 0;
  let agentTurns = 0;
  let withForbidden = 0;
  let forbiddenHits = 0;
  let complaints = 0;
  for (const line of lines) {
    const d = JSON.parse(line) as Dialogue;
    dialogues++;
    const segments = d.turns.map((t, i) => ({
      speaker: t.speaker === 'agent' ? ('agent' as const) : ('customer' as const),
      startMs: i * 5000,
      endMs: i * 5000 + 4000,
      text: String(t.text ?? ''),
    }));
    agentTurns += segments.filter((s) => s.speaker === 'agent').length;
    const r = evaluateCall(
      compiled,
      {
        direction: 'inbound',
        purpose: 'service',
        startedAt: '2026-01-01T00:00:00Z',
        answeredAt: '2026-01-01T00:00:03Z',
        endedAt: '2026-01-01T01:00:00Z',
        hangupBy: 'customer',
        segments,
      },
      { companyName: '', secondsPerRing: 3 },
    );
    const f = r.findings.find((x) => x.ruleId === 'forbidden.phrases');
    if (f?.outcome === 'fail') {
      withForbidden++;
      forbiddenHits += f.evidence.length;
      for (const e of f.evidence) {
        const text = segments[e.segment].text;
        hits.push({
          file,
          id: d.dialogueId,
          phrase: e.text,
          context: text.slice(Math.max(0, e.start - 15), e.end + 15),
        });
      }
    }
    if (r.complaint.detected) complaints++;
  }
  perFile.push({
    file,
    dialogues,
    agentTurns,
    dialoguesWithForbiddenPhrase: withForbidden,
    forbiddenRatePer100Dialogues: Number(
      ((100 * withForbidden) / Math.max(1, dialogues)).toFixed(1),
    ),
    forbiddenHits,
    complaintsDetected: complaints,
  });
}
// A spread-out sample, deterministic, so two runs show the same lines.
const step = Math.max(1, Math.floor(hits.length / sampleSize));
const sample = hits.filter((_, i) => i % step === 0).slice(0, sampleSize);
console.log(JSON.stringify({ corpus: dir, files: perFile, sample }, null, 2));
