import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DecisionCount, DecisionOutcome } from './agreement';

/** Reads scoring.review_decisions (written by the review module when it finalizes). */
@Injectable()
export class ReportsRepository {
  /** Decisions in [from, to) counted per rule, week and outcome pair: one grouped query. */
  async decisionCounts(
    manager: EntityManager,
    tenantId: string,
    from: Date,
    to: Date,
  ): Promise<DecisionCount[]> {
    const rows = (await manager.query(
      `SELECT rule_id, to_char(week, 'YYYY-MM-DD') AS week, engine_outcome, human_outcome,
              count(*)::int AS n
       FROM scoring.review_decisions
       WHERE tenant_id = $1 AND decided_at >= $2 AND decided_at < $3
       GROUP BY 1, 2, 3, 4`,
      [tenantId, from, to],
    )) as {
      rule_id: string;
      week: string;
      engine_outcome: DecisionOutcome;
      human_outcome: DecisionOutcome;
      n: number;
    }[];
    return rows.map((r) => ({
      ruleId: r.rule_id,
      week: r.week,
      engine: r.engine_outcome,
      human: r.human_outcome,
      count: r.n,
    }));
  }
}
