import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queues } from '@qa/platform';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ScoredCallsRepository } from '../calls/scored-calls.repository';
import { EvaluationsRepository } from '../evaluations/evaluations.repository';
import { isAnsweredCall } from '../evaluations/call-input.mapper';
import { EvaluationError } from '../evaluations/evaluations.errors';
import { ScoreCallService } from '../evaluations/score-call.service';
import { ScorecardError } from '../scorecards/scorecards.errors';
import { ScorecardsRepository } from '../scorecards/scorecards.repository';
import { RescoreJobData, RescoreSummary, ScoreMove } from './rescore.types';

export interface RescoreRequest {
  from: string;
  to: string;
  /** Default true: report how scores would move, store and publish nothing. */
  dryRun?: boolean;
}

const PAGE = 500;
const LARGEST_MOVES = 20;

/**
 * Re-scores stored calls with one scorecard version. A dry run only reports how scores would
 * move; a real run stores one evaluation per call for that version and publishes it. Old
 * evaluations stay readable. Re-running is safe: calls already scored by the version are skipped.
 */
@Injectable()
export class RescoreService {
  private readonly logger = new Logger(RescoreService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly scorecards: ScorecardsRepository,
    private readonly calls: ScoredCallsRepository,
    private readonly evaluations: EvaluationsRepository,
    private readonly scoring: ScoreCallService,
    @InjectQueue(Queues.Rescore) private readonly queue: Queue<RescoreJobData>,
  ) {}

  /** Queues a re-score of the tenant's calls in [from, to) with one scorecard version. */
  async start(
    tenantId: string,
    scorecardKey: string,
    version: number,
    req: RescoreRequest,
    traceId: string,
  ) {
    if (!(await this.scorecards.findVersion(tenantId, scorecardKey, version)))
      throw ScorecardError.notFound(scorecardKey, version);
    const from = new Date(req.from);
    const to = new Date(req.to);
    if (!(from < to)) throw EvaluationError.badPeriod();
    const dryRun = req.dryRun ?? true;
    // Deterministic id: asking twice for the same re-score gives the same job, not a second one.
    const jobId = [
      'rescore',
      tenantId,
      scorecardKey,
      `v${version}`,
      from.getTime(),
      to.getTime(),
      dryRun ? 'dry' : 'run',
    ].join('.');
    const job = await this.queue.add(
      'rescore',
      {
        tenantId,
        scorecardKey,
        version,
        from: from.toISOString(),
        to: to.toISOString(),
        dryRun,
        traceId,
      },
      { jobId },
    );
    return { jobId: job.id, state: await job.getState() };
  }

  /** A job of the caller's tenant; another tenant's (or none) is not found. */
  async status(tenantId: string | null, jobId: string) {
    const job = await this.queue.getJob(jobId);
    if (!job || job.data.tenantId !== tenantId) throw EvaluationError.notFound(`job ${jobId}`);
    return {
      jobId: job.id,
      state: await job.getState(),
      progress: job.progress,
      dryRun: job.data.dryRun,
      result: job.returnvalue ?? null,
      failedReason: job.failedReason ?? null,
    };
  }

  async run(
    job: RescoreJobData,
    progress: (percent: number) => Promise<void>,
  ): Promise<RescoreSummary> {
    const card = await this.scorecards.findVersion(job.tenantId, job.scorecardKey, job.version);
    if (!card) throw ScorecardError.notFound(job.scorecardKey, job.version);
    const from = new Date(job.from);
    const to = new Date(job.to);
    const total = await this.calls.countInRange(job.tenantId, from, to);
    const moves = new MoveTally();
    let scored = 0;
    let alreadyScored = 0;
    let done = 0;
    const read = (after: { startedAt: Date; callId: string } | null) => {
      const p = this.calls.page(job.tenantId, from, to, after, PAGE);
      // Read ahead while the page before is scored and written; awaited below.
      p.catch(() => undefined);
      return p;
    };
    for (let next = read(null); ;) {
      const { calls: page, last } = await next;
      if (page.length === 0 || !last) break;
      next = read(last);
      const before = await this.evaluations.latestScores(
        job.tenantId,
        page.map((c) => c.callId),
      );
      // The whole page set-based: one read of settings, one insert per table.
      const answered = page.filter(isAnsweredCall);
      const results = await this.dataSource.transaction(async (manager) =>
        job.dryRun
          ? await this.scoring.evaluateMany(manager, answered, card)
          : (
              await this.scoring.scoreMany(
                manager,
                answered.map((call) => ({ call, traceId: job.traceId })),
                card,
              )
            ).map((s) => ({ call: s.call, result: s.row.result })),
      );
      scored += results.length;
      alreadyScored += answered.length - results.length;
      for (const { call, result } of results) {
        const prev = before.get(call.callId);
        moves.add({
          callId: call.callId,
          before: prev?.score ?? null,
          after: result.score,
          gradeBefore: prev?.grade ?? null,
          gradeAfter: result.grade,
        });
      }
      done += page.length;
      await progress(total === 0 ? 100 : Math.min(100, Math.round((done / total) * 100)));
    }
    const summary: RescoreSummary = {
      dryRun: job.dryRun,
      calls: done,
      scored,
      alreadyScored,
      ...moves.summary(),
    };
    this.logger.log(
      {
        tenantId: job.tenantId,
        scorecard: `${job.scorecardKey}@${job.version}`,
        dryRun: job.dryRun,
        calls: done,
        scored,
        traceId: job.traceId,
      },
      'rescore finished',
    );
    return summary;
  }
}

/** Counts moves and keeps the largest, without holding every call's move in memory. */
class MoveTally {
  private raised = 0;
  private lowered = 0;
  private unchanged = 0;
  private sum = 0;
  private largest: ScoreMove[] = [];

  add(m: ScoreMove): void {
    if (m.before === null) return;
    const d = m.after - m.before;
    if (d > 0) this.raised++;
    else if (d < 0) this.lowered++;
    else this.unchanged++;
    this.sum += d;
    this.largest.push(m);
    if (this.largest.length > LARGEST_MOVES * 10) this.trim();
  }

  summary(): Pick<
    RescoreSummary,
    'raised' | 'lowered' | 'unchanged' | 'averageDelta' | 'largestMoves'
  > {
    this.trim();
    const n = this.raised + this.lowered + this.unchanged;
    return {
      raised: this.raised,
      lowered: this.lowered,
      unchanged: this.unchanged,
      averageDelta: n ? Math.round((this.sum / n) * 10) / 10 : 0,
      largestMoves: this.largest,
    };
  }

  private trim(): void {
    const size = (m: ScoreMove) => Math.abs(m.after - m.before!);
    // Stable sort: among equal moves the earlier call stays first, as before.
    this.largest = this.largest.sort((a, b) => size(b) - size(a)).slice(0, LARGEST_MOVES);
  }
}
