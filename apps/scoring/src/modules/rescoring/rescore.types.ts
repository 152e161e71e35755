/** Jobs carry ids only; the scorecard row and the stored calls are the truth. */
export interface RescoreJobData {
  tenantId: string;
  scorecardKey: string;
  version: number;
  from: string;
  to: string;
  dryRun: boolean;
  traceId: string;
}

export interface ScoreMove {
  callId: string;
  before: number | null;
  after: number;
  gradeBefore: string | null;
  gradeAfter: string;
}

export interface RescoreSummary {
  dryRun: boolean;
  calls: number;
  scored: number;
  alreadyScored: number;
  raised: number;
  lowered: number;
  unchanged: number;
  averageDelta: number;
  /** The largest moves, so a person can judge the new version before activating it. */
  largestMoves: ScoreMove[];
}
