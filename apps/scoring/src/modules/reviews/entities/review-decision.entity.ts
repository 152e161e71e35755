import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 'na' is the engine's not_applicable. */
export type DecisionOutcome = 'pass' | 'fail' | 'na';

/**
 * The engine's and the person's outcome for one rule of one finalized evaluation (written on
 * finalize; a lead's dispute decision that changes the rule updates human_outcome).
 */
@Entity({ name: 'review_decisions' })
export class ReviewDecisionEntity {
  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'evaluation_id', type: 'uuid' })
  evaluationId!: string;

  @PrimaryColumn({ name: 'rule_id', type: 'text' })
  ruleId!: string;

  @Column({ name: 'engine_outcome', type: 'text' })
  engineOutcome!: DecisionOutcome;

  @Column({ name: 'human_outcome', type: 'text' })
  humanOutcome!: DecisionOutcome;

  @Column({ name: 'decided_by', type: 'text' })
  decidedBy!: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;

  /** Monday (UTC) of decidedAt, 'YYYY-MM-DD'. */
  @Column({ type: 'date' })
  week!: string;
}
