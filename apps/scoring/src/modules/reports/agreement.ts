export type DecisionOutcome = 'pass' | 'fail' | 'na';

/** How many decisions of one rule (and week) had this engine and human outcome. */
export interface DecisionCount {
  ruleId: string;
  week: string;
  engine: DecisionOutcome;
  human: DecisionOutcome;
  count: number;
}

export interface RuleAgreement {
  ruleId: string;
  reviewed: number;
  confirmed: number;
  overridden: number;
  /** Engine fails a person kept as fails ÷ engine fails; null without engine fails. */
  precisionOfFails: number | null;
  /** Cohen's kappa of engine vs person on pass/fail; null when undefined (see agreementOf). */
  kappa: number | null;
}

export interface AgreementReport {
  items: RuleAgreement[];
  byWeek: { week: string; items: RuleAgreement[] }[];
}

// `|| 0` turns a rounded -0 into 0.
const round4 = (n: number) => Math.round(n * 10_000) / 10_000 || 0;

/**
 * One rule's figures. `reviewed` counts every decision, na included; `confirmed` those where the
 * person kept the engine's outcome. Kappa compares pass/fail only (a pair with na on either side
 * is left out): κ = (pₒ − pₑ) / (1 − pₑ). With no such pair, or when chance agreement is 1 (both
 * said the same single outcome every time), κ is undefined and answered as null, never NaN.
 */
export function agreementOf(ruleId: string, counts: readonly DecisionCount[]): RuleAgreement {
  let reviewed = 0;
  let confirmed = 0;
  let engineFails = 0;
  let failsKept = 0;
  // Pass/fail contingency: [engine][human], 0 = pass, 1 = fail.
  const table = [
    [0, 0],
    [0, 0],
  ];
  for (const c of counts) {
    reviewed += c.count;
    if (c.engine === c.human) confirmed += c.count;
    if (c.engine === 'fail') {
      engineFails += c.count;
      if (c.human === 'fail') failsKept += c.count;
    }
    if (c.engine !== 'na' && c.human !== 'na') {
      table[c.engine === 'fail' ? 1 : 0][c.human === 'fail' ? 1 : 0] += c.count;
    }
  }
  return {
    ruleId,
    reviewed,
    confirmed,
    overridden: reviewed - confirmed,
    precisionOfFails: engineFails === 0 ? null : round4(failsKept / engineFails),
    kappa: kappaOf(table),
  };
}

export function kappaOf(table: number[][]): number | null {
  const n = table[0][0] + table[0][1] + table[1][0] + table[1][1];
  if (n === 0) return null;
  const observed = (table[0][0] + table[1][1]) / n;
  const enginePass = (table[0][0] + table[0][1]) / n;
  const humanPass = (table[0][0] + table[1][0]) / n;
  const chance = enginePass * humanPass + (1 - enginePass) * (1 - humanPass);
  if (chance >= 1) return null;
  return round4((observed - chance) / (1 - chance));
}

/** Per rule over the whole range, and per week (oldest first), rules sorted by id. */
export function agreementReport(counts: readonly DecisionCount[]): AgreementReport {
  const byRule = (rows: readonly DecisionCount[]) => {
    const groups = new Map<string, DecisionCount[]>();
    for (const r of rows) groups.set(r.ruleId, [...(groups.get(r.ruleId) ?? []), r]);
    return [...groups.keys()].sort().map((id) => agreementOf(id, groups.get(id)!));
  };
  const weeks = [...new Set(counts.map((c) => c.week))].sort();
  return {
    items: byRule(counts),
    byWeek: weeks.map((week) => ({ week, items: byRule(counts.filter((c) => c.week === week)) })),
  };
}
