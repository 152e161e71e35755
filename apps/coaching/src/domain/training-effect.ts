/**
 * A training programme's effect (seed 001: 培训后30天内 complaint resolution to 92%, repeat
 * complaints down 35%, the service behaviour score from 4.2 to 4.8 of 5): the same figures over
 * the 30 days before the programme and the 30 days after it. Pure: no I/O.
 */
export const TARGETS = {
  complaintResolutionRate: 0.92,
  repeatComplaintReduction: 0.35,
  behaviourScore: { from: 4.2, to: 4.8 },
} as const;

export interface EvaluationFact {
  agentId: string;
  training: boolean;
  score: number;
  forbiddenHits: number;
}

export interface ComplaintFact {
  agentId: string;
  repeat: boolean;
  /** Resolved (or later) and never reopened. */
  resolved: boolean;
}

export interface Figures {
  /** Production calls evaluated (training calls apart). */
  calls: number;
  qaScoreAvg: number | null;
  /** The QA score on the seed's 5-point scale (score ÷ 20). */
  behaviourScore: number | null;
  forbiddenPer100Calls: number | null;
  complaintsOpened: number;
  complaintResolutionRate: number | null;
  repeatComplaintRate: number | null;
  trainingCalls: number;
  trainingCallScoreAvg: number | null;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const mean = (xs: number[]) =>
  xs.length ? round4(xs.reduce((s, x) => s + x, 0) / xs.length) : null;
const ratio = (n: number, d: number) => (d ? round4(n / d) : null);

export function figures(
  evals: readonly EvaluationFact[],
  complaints: readonly ComplaintFact[],
): Figures {
  const prod = evals.filter((e) => !e.training);
  const training = evals.filter((e) => e.training);
  const qa = mean(prod.map((e) => e.score));
  return {
    calls: prod.length,
    qaScoreAvg: qa,
    behaviourScore: qa === null ? null : round4(qa / 20),
    forbiddenPer100Calls: prod.length
      ? round4((prod.reduce((s, e) => s + e.forbiddenHits, 0) * 100) / prod.length)
      : null,
    complaintsOpened: complaints.length,
    complaintResolutionRate: ratio(complaints.filter((c) => c.resolved).length, complaints.length),
    repeatComplaintRate: ratio(complaints.filter((c) => c.repeat).length, complaints.length),
    trainingCalls: training.length,
    trainingCallScoreAvg: mean(training.map((e) => e.score)),
  };
}

export interface Verdict {
  /** after ≥ 92% */
  complaintResolution: boolean | null;
  /** after ≤ before × (1 − 35%); null when there was nothing to reduce */
  repeatComplaints: boolean | null;
  /** after ≥ 4.8 */
  behaviourScore: boolean | null;
}

export function verdict(before: Figures, after: Figures): Verdict {
  return {
    complaintResolution:
      after.complaintResolutionRate === null
        ? null
        : after.complaintResolutionRate >= TARGETS.complaintResolutionRate,
    repeatComplaints:
      before.repeatComplaintRate === null ||
      before.repeatComplaintRate === 0 ||
      after.repeatComplaintRate === null
        ? null
        : after.repeatComplaintRate <=
          round4(before.repeatComplaintRate * (1 - TARGETS.repeatComplaintReduction)),
    behaviourScore:
      after.behaviourScore === null ? null : after.behaviourScore >= TARGETS.behaviourScore.to,
  };
}

/** The windows: 30 days before the first day, 30 days from the day after the last (local dates, end exclusive). */
export function effectWindows(startDate: string, endDate: string, days = 30) {
  const shift = (date: string, n: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  return {
    before: { from: shift(startDate, -days), to: startDate },
    after: { from: shift(endDate, 1), to: shift(endDate, 1 + days) },
  };
}
