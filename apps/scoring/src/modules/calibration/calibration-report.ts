import { aggregateScore, Outcome, ScoringBasis } from '@qa/qa-rules';

/** A call of a session, with the scoring basis of its evaluation when the session opened. */
export interface CalibrationCall {
  callId: string;
  evaluationId: string;
  basis: ScoringBasis;
}

/** One participant's outcomes: callId → itemId → outcome. */
export type Submission = Record<string, Record<string, Outcome>>;

/** Points of mean signed deviation from the benchmark that make an evaluator strict or lenient. */
export const TENDENCY_THRESHOLD = 5;

export type Tendency = 'strict' | 'lenient' | 'aligned';

export interface ItemAgreement {
  itemId: string;
  /** Evaluator answers compared with the expert's (evaluators × calls holding the item). */
  answers: number;
  agreeing: number;
  agreement: number | null;
}

export interface EvaluatorItemDeviation {
  itemId: string;
  agreeing: number;
  disagreeing: number;
  /** Failed where the expert passed or found it not applicable. */
  stricter: number;
  /** Passed or found not applicable where the expert failed. */
  lenient: number;
}

export interface EvaluatorDeviation {
  evaluator: string;
  scores: { callId: string; score: number; benchmark: number; deviation: number }[];
  /** Mean of score − benchmark over the calls: below 0 is stricter than the expert. */
  deviation: number;
  absoluteDeviation: number;
  itemAgreement: number | null;
  items: EvaluatorItemDeviation[];
  tendency: Tendency;
}

export interface CalibrationFigures {
  benchmark: { callId: string; score: number }[];
  items: ItemAgreement[];
  evaluators: EvaluatorDeviation[];
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places || 0;
const ratio = (a: number, b: number) => (b === 0 ? null : round(a / b, 4));
const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);

export function scoreOf(basis: ScoringBasis, outcomes: Record<string, Outcome>): number {
  return aggregateScore(
    basis,
    basis.items.map((i) => outcomes[i.itemId]),
  ).score;
}

export function tendencyOf(deviation: number): Tendency {
  if (deviation <= -TENDENCY_THRESHOLD) return 'strict';
  if (deviation >= TENDENCY_THRESHOLD) return 'lenient';
  return 'aligned';
}

/**
 * The report of a closed session: the expert's scores are the benchmark; per item, how often the
 * evaluators gave the expert's outcome; per evaluator, the score deviation on each call and on
 * average, agreement and direction per item, and strict/lenient (mean deviation beyond
 * ±TENDENCY_THRESHOLD points). Scores come from the engine's own aggregation over each call's
 * stored scoring basis, so they are what the evaluation would have scored with those outcomes.
 */
export function calibrationFigures(
  calls: readonly CalibrationCall[],
  evaluators: readonly string[],
  expert: string,
  submissions: ReadonlyMap<string, Submission>,
): CalibrationFigures {
  const benchmarkOf = submissions.get(expert)!;
  const itemIds = [...new Set(calls.flatMap((c) => c.basis.items.map((i) => i.itemId)))];
  const perItem = new Map(itemIds.map((id) => [id, { answers: 0, agreeing: 0 }]));
  const benchmark = calls.map((c) => ({
    callId: c.callId,
    score: scoreOf(c.basis, benchmarkOf[c.callId]),
  }));
  const figures = evaluators.map((evaluator): EvaluatorDeviation => {
    const given = submissions.get(evaluator)!;
    const items = new Map(
      itemIds.map((id) => [
        id,
        { itemId: id, agreeing: 0, disagreeing: 0, stricter: 0, lenient: 0 },
      ]),
    );
    const scores = calls.map((c, i) => {
      for (const { itemId } of c.basis.items) {
        const mine = given[c.callId][itemId];
        const theirs = benchmarkOf[c.callId][itemId];
        const row = items.get(itemId)!;
        const total = perItem.get(itemId)!;
        total.answers += 1;
        if (mine === theirs) {
          row.agreeing += 1;
          total.agreeing += 1;
          continue;
        }
        row.disagreeing += 1;
        if (mine === 'fail') row.stricter += 1;
        else if (theirs === 'fail') row.lenient += 1;
      }
      const score = scoreOf(c.basis, given[c.callId]);
      const bench = benchmark[i].score;
      return { callId: c.callId, score, benchmark: bench, deviation: round(score - bench, 1) };
    });
    const rows = [...items.values()];
    const deviation = round(mean(scores.map((s) => s.score - s.benchmark)), 2);
    return {
      evaluator,
      scores,
      deviation,
      absoluteDeviation: round(mean(scores.map((s) => Math.abs(s.score - s.benchmark))), 2),
      itemAgreement: ratio(
        rows.reduce((s, r) => s + r.agreeing, 0),
        rows.reduce((s, r) => s + r.agreeing + r.disagreeing, 0),
      ),
      items: rows,
      tendency: tendencyOf(deviation),
    };
  });
  return {
    benchmark,
    items: itemIds.map((itemId) => {
      const t = perItem.get(itemId)!;
      return {
        itemId,
        answers: t.answers,
        agreeing: t.agreeing,
        agreement: ratio(t.agreeing, t.answers),
      };
    }),
    evaluators: figures,
  };
}

/**
 * Field problems of one participant's scores: every call of the session once, every item of its
 * scorecard once, nothing else. Paths follow the request body.
 */
export function checkSubmission(
  calls: readonly CalibrationCall[],
  scores: readonly { callId: string; items: readonly { itemId: string; outcome: Outcome }[] }[],
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const byCall = new Map(calls.map((c) => [c.callId, c]));
  const seen = new Set<string>();
  scores.forEach((s, i) => {
    const call = byCall.get(s.callId);
    if (!call)
      return problems.push({
        path: `scores.${i}.callId`,
        message: `call ${s.callId} is not in this session`,
      });
    if (seen.has(s.callId))
      return problems.push({
        path: `scores.${i}.callId`,
        message: `call ${s.callId} is scored twice`,
      });
    seen.add(s.callId);
    const wanted = new Set(call.basis.items.map((it) => it.itemId));
    const given = new Set<string>();
    s.items.forEach((it, j) => {
      if (!wanted.has(it.itemId) || given.has(it.itemId))
        problems.push({
          path: `scores.${i}.items.${j}.itemId`,
          message: given.has(it.itemId)
            ? `item ${it.itemId} is answered twice`
            : `unknown item ${it.itemId}`,
        });
      given.add(it.itemId);
    });
    const missing = [...wanted].filter((id) => !given.has(id));
    if (missing.length)
      problems.push({
        path: `scores.${i}.items`,
        message: `every item needs an outcome; missing ${missing.join(', ')}`,
      });
    return undefined;
  });
  const unscored = calls.filter((c) => !seen.has(c.callId)).map((c) => c.callId);
  if (unscored.length)
    problems.push({
      path: 'scores',
      message: `every call needs scores; missing ${unscored.join(', ')}`,
    });
  return problems;
}
