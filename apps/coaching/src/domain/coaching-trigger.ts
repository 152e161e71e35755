/** What a rule decided on one evaluation, as coaching keeps it (a review's outcome replaces the engine's). */
export type Outcome = 'pass' | 'fail' | 'not_applicable';

export interface EvidenceSpan {
  segment: number;
  start: number;
  end: number;
  text: string;
}

/** One of the agent's production evaluations, newest first in a window, with one rule's finding. */
export interface WindowEntry {
  evaluationId: string;
  callId: string;
  callStartedAt: string;
  /** null: the evaluation has no finding for the rule. */
  outcome: Outcome | null;
  evidence: EvidenceSpan[];
  /** A reviewer's reason when the fail is theirs, not the engine's. */
  reason?: string;
}

export interface Threshold {
  /** N: fails of the same rule … */
  failures: number;
  /** … within the agent's last M evaluations. */
  window: number;
}

export const DEFAULT_THRESHOLD: Threshold = { failures: 3, window: 10 };

/**
 * The failing entries that call for coaching: the fails among the agent's last `window`
 * evaluations when there are at least `failures` of them, else none. `entries` must be the
 * agent's evaluations newest first; only the first `window` count.
 */
export function failingEvidence(entries: readonly WindowEntry[], t: Threshold): WindowEntry[] {
  const fails = entries.slice(0, t.window).filter((e) => e.outcome === 'fail');
  return fails.length >= t.failures ? fails : [];
}

export interface PassRate {
  passed: number;
  /** Evaluations where the rule applied (passed or failed). */
  applicable: number;
  /** passed / applicable; null when it never applied. */
  rate: number | null;
  from: string | null;
  to: string | null;
}

/** Pass rate over outcomes (any order); not-applicable and missing findings do not count. */
export function passRate(
  entries: readonly Pick<WindowEntry, 'outcome' | 'callStartedAt'>[],
): PassRate {
  const counted = entries.filter((e) => e.outcome === 'pass' || e.outcome === 'fail');
  const passed = counted.filter((e) => e.outcome === 'pass').length;
  const times = counted.map((e) => e.callStartedAt).sort();
  return {
    passed,
    applicable: counted.length,
    rate: counted.length ? passed / counted.length : null,
    from: times[0] ?? null,
    to: times[times.length - 1] ?? null,
  };
}

/**
 * The rule's pass rate for the agent before and after a pivot (the session, or the assignment's
 * opening while no session is recorded): before, the last `window` applicable evaluations of
 * calls that started before it; after, every one since.
 */
export function beforeAfter(
  entries: readonly Pick<WindowEntry, 'outcome' | 'callStartedAt'>[],
  pivot: string,
  window: number,
): { before: PassRate; after: PassRate } {
  const at = Date.parse(pivot);
  const applicable = entries
    .filter((e) => e.outcome === 'pass' || e.outcome === 'fail')
    .sort((a, b) => Date.parse(b.callStartedAt) - Date.parse(a.callStartedAt));
  return {
    before: passRate(applicable.filter((e) => Date.parse(e.callStartedAt) < at).slice(0, window)),
    after: passRate(applicable.filter((e) => Date.parse(e.callStartedAt) >= at)),
  };
}
