import { normalizeCall, NormalizedCall } from './input/normalize-call';
import { forbiddenEvidence } from './rules/communication-rules';
import type { RuleContext, SegmentHits } from './rules/rule-context';
import type { CompiledScorecard } from './scorecard/compile-scorecard';
import { aggregateScore, ItemOutcome } from './scoring/aggregate-score';
import { detectComplaint } from './scoring/detect-complaint';
import type {
  EvaluationContext,
  EvaluationResult,
  Finding,
  PendingManualItem,
  ScorecardItem,
} from './types';

const NO_ITEM: ScorecardItem = { id: '', sectionId: '', kind: 'auto', points: 0 };

function ringsOf(call: NormalizedCall, secondsPerRing: number): number | null {
  if (call.answeredMs === null) return null;
  if (call.ringCount !== null) return call.ringCount;
  const spr = Number.isFinite(secondsPerRing) && secondsPerRing > 0 ? secondsPerRing : 3;
  const ms = call.answeredMs - call.startedMs;
  return Number.isFinite(ms) ? Math.max(0, Math.ceil(ms / 1000 / spr)) : null;
}

function scan(compiled: CompiledScorecard, call: NormalizedCall): (SegmentHits | undefined)[] {
  const { automaton, patternLists } = compiled;
  const lengths = automaton.patternLengths;
  return call.segments.map((s) => {
    let byList: SegmentHits | undefined;
    automaton.scan(s.text, (p, end) => {
      const lists = patternLists[p];
      const start = end - lengths[p];
      byList ??= [];
      for (let i = 0; i < lists.length; i++)
        (byList[lists[i]] ??= []).push({ list: lists[i], start, end });
    });
    return byList;
  });
}

/** Scores one call: a single automaton pass per segment, then every item's rule. Never throws. */
export function evaluateCall(
  compiled: CompiledScorecard,
  input: unknown,
  context: EvaluationContext,
): EvaluationResult {
  const def = compiled.definition;
  const call = normalizeCall(input);
  const agentTurns: number[] = [];
  const customerTurns: number[] = [];
  call.segments.forEach((s, i) => (s.speaker === 'agent' ? agentTurns : customerTurns).push(i));
  const ctx: RuleContext = {
    item: NO_ITEM,
    lists: compiled.defaultLists,
    call,
    hits: scan(compiled, call),
    context: {
      companyName: String(context?.companyName ?? ''),
      secondsPerRing: Number(context?.secondsPerRing),
    },
    agentTurns,
    customerTurns,
    rings: ringsOf(call, Number(context?.secondsPerRing)),
  };
  // One context object, re-pointed per item: rules run per call on the hot path.
  const findings: Finding[] = [];
  const outcomes: ItemOutcome[] = [];
  const pendingManualItems: PendingManualItem[] = [];
  for (const { item, sectionName, rule, lists } of compiled.items) {
    const critical = item.critical === true;
    if (item.kind === 'manual' || !rule) {
      pendingManualItems.push({
        itemId: item.id,
        sectionId: item.sectionId,
        question: item.question ?? '',
        points: item.points,
      });
      outcomes.push({
        itemId: item.id,
        sectionId: item.sectionId,
        points: item.points,
        critical,
        outcome: undefined,
      });
      continue;
    }
    ctx.item = item;
    ctx.lists = lists;
    let r;
    try {
      r = rule(ctx);
    } catch {
      r = {
        outcome: 'not_applicable' as const,
        evidence: [],
        note: 'rule could not run on this input',
      };
    }
    findings.push({
      ruleId: item.ruleId!,
      itemId: item.id,
      section: sectionName,
      outcome: r.outcome,
      critical,
      evidence: r.evidence,
      scorecardVersion: def.version,
      note: r.note,
    });
    outcomes.push({
      itemId: item.id,
      sectionId: item.sectionId,
      points: item.points,
      critical,
      outcome: r.outcome,
    });
  }
  const { score, grade, sections, criticalFailed } = aggregateScore(def, outcomes);
  ctx.item = NO_ITEM;
  ctx.lists = compiled.defaultLists;
  const talkMs = call.answeredMs === null ? 0 : call.endedMs - call.answeredMs;
  return {
    scorecardId: def.id,
    scorecardVersion: def.version,
    score,
    grade,
    criticalFailed,
    sections,
    findings,
    pendingManualItems,
    complaint: detectComplaint(ctx),
    metrics: {
      answeredWithinThreeRings: ctx.rings === null ? null : ctx.rings <= 3,
      ringCount: ctx.rings,
      forbiddenPhraseCount: (
        findings.find((f) => f.ruleId === 'forbidden.phrases')?.evidence ?? forbiddenEvidence(ctx)
      ).length,
      handleSeconds: Number.isFinite(talkMs) && talkMs > 0 ? Math.round(talkMs / 1000) : 0,
    },
  };
}
