import { compileScorecard } from '../../src/scorecard/compile-scorecard';
import { defaultScorecard } from '../../src/scorecard/default-scorecard';
import { evaluateCall } from '../../src/engine/evaluate-call';
import type { CallInput, EvaluationContext } from '../../src/types/call.types';
import type { EvaluationResult, Finding } from '../../src/types/evaluation.types';

/** A turn: who ('a' agent, 'c' customer), what, and optionally when (seconds from the answer). */
export type Turn = [who: 'a' | 'c', text: string, startSec?: number, endSec?: number];

export const COMPANY = '星河通信';
export const OPENING = `您好,${COMPANY},工号1024,很高兴为您服务`;
export const CLOSING = '感谢您的来电,祝您生活愉快,再见';
export const CONTEXT: EvaluationContext = { companyName: COMPANY, secondsPerRing: 3 };

/** A call around the turns: inbound service, answered after 2 rings, the customer hangs up. */
export function buildCall(turns: Turn[], over: Partial<CallInput> = {}): CallInput {
  let t = 0;
  const segments = turns.map(([who, text, start, end]) => {
    const startMs = start === undefined ? t : Math.round(start * 1000);
    const endMs =
      end === undefined ? startMs + Math.max(1000, text.length * 250) : Math.round(end * 1000);
    t = endMs + 500;
    return {
      speaker: who === 'a' ? ('agent' as const) : ('customer' as const),
      startMs,
      endMs,
      text,
    };
  });
  return {
    callId: 'c-test',
    tenantId: 't',
    direction: 'inbound',
    purpose: 'service',
    agentId: 'a-1',
    teamId: 't-1',
    startedAt: '2026-11-22T09:00:00+08:00',
    answeredAt: '2026-11-22T09:00:06+08:00',
    endedAt: '2026-11-22T09:10:00+08:00',
    hangupBy: 'customer',
    segments,
    ...over,
  };
}

const compiled = compileScorecard(defaultScorecard());

/** Scores the call with the default scorecard. */
export function evaluateDefault(call: unknown, context = CONTEXT): EvaluationResult {
  return evaluateCall(compiled, call, context);
}

/** The default scorecard's finding for one rule. */
export function findingFor(ruleId: string, call: unknown, context = CONTEXT): Finding {
  const f = evaluateDefault(call, context).findings.find((x) => x.ruleId === ruleId);
  if (!f) throw new Error(`no finding for ${ruleId}`);
  return f;
}

/** Outcome and the texts of its evidence spans (measurements left out), what most rule tests check. */
export function verdict(ruleId: string, call: unknown, context = CONTEXT) {
  const f = findingFor(ruleId, call, context);
  return { outcome: f.outcome, evidence: f.evidence.filter((e) => !e.measure).map((e) => e.text) };
}

/** Every piece of evidence as `role:text`, measurements as `role:name=value`. */
export function roles(ruleId: string, call: unknown, context = CONTEXT): string[] {
  return findingFor(ruleId, call, context).evidence.map((e) =>
    e.measure ? `${e.role}:${e.measure.name}=${e.measure.value}` : `${e.role}:${e.text}`,
  );
}
