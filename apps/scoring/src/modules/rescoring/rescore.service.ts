import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScoredCallsRepository } from '../calls/scored-calls.repository';
import { EvaluationsRepository } from '../evaluations/evaluations.repository';
import { ScoreCallService } from '../evaluations/score-call.service';
import { ScorecardError } from '../scorecards/scorecards.errors';
import { ScorecardsRepository } from '../scorecards/scorecards.repository';
import { RescoreJobData, RescoreSummary, ScoreMove } from './rescore.types';

const PAGE = 200;
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
  ) {}

  async run(
    job: RescoreJobData,
    progress: (percent: number) => Promise<void>,
  ): Promise<RescoreSummary> {
    const card = await this.scorecards.findVersion(job.tenantId, job.scorecardKey, job.version);
    if (!card) throw ScorecardError.notFound(job.scorecardKey, job.version);
    const from = new Date(job.from);
    const to = new Date(job.to);
    const total = await this.calls.countInRange(job.tenantId, from, to);
    const moves: ScoreMove[] = [];
    let scored = 0;
    let alreadyScored = 0;
    let done = 0;
    for (let after = ''; ;) {
      const page = await this.calls.page(job.tenantId, from, to, after, PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1].callId;
      const before = await this.evaluations.latestScores(
        job.tenantId,
        page.map((c) => c.callId),
      );
      await this.dataSource.transaction(async (manager) => {
        for (const call of page) {
          const prev = before.get(call.callId);
          const result = job.dryRun
            ? await this.scoring.evaluate(manager, call, card)
            : (await this.scoring.score(manager, call, { traceId: job.traceId }, card))?.result;
          if (!result) {
            alreadyScored++;
            continue;
          }
          scored++;
          moves.push({
            callId: call.callId,
            before: prev?.score ?? null,
            after: result.score,
            gradeBefore: prev?.grade ?? null,
            gradeAfter: result.grade,
          });
        }
      });
      done += page.length;
      await progress(total === 0 ? 100 : Math.min(100, Math.round((done / total) * 100)));
    }
    const deltas = moves.filter((m) => m.before !== null).map((m) => m.after - m.before!);
    const summary: RescoreSummary = {
      dryRun: job.dryRun,
      calls: done,
      scored,
      alreadyScored,
      raised: deltas.filter((d) => d > 0).length,
      lowered: deltas.filter((d) => d < 0).length,
      unchanged: deltas.filter((d) => d === 0).length,
      averageDelta: deltas.length
        ? Math.round((deltas.reduce((a, b) => a + b, 0) / deltas.length) * 10) / 10
        : 0,
      largestMoves: moves
        .filter((m) => m.before !== null)
        .sort((a, b) => Math.abs(b.after - b.before!) - Math.abs(a.after - a.before!))
        .slice(0, LARGEST_MOVES),
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
