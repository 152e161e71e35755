import type { EvaluationResult, Outcome } from '@qa/qa-rules';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type EvaluationStatus = 'auto' | 'in_review' | 'final';

/** A person's outcome for one item: an override/confirmation of a finding, or a manual answer. */
export interface ReviewDecision {
  itemId: string;
  /** Set for automatic items. */
  ruleId?: string;
  outcome: Outcome;
  reason?: string;
  comment?: string;
  by: string;
  at: string;
}

/** Everything people decided on an evaluation, by item id; the engine's result stays as it was. */
export interface ReviewState {
  decisions: Record<string, ReviewDecision>;
  comment?: string;
}

const numeric = { to: (v: number) => v, from: (v: string) => Number(v) };

@Entity({ name: 'evaluations' })
export class EvaluationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'call_id', type: 'text' })
  callId!: string;

  @Column({ name: 'agent_id', type: 'text' })
  agentId!: string;

  @Column({ name: 'team_id', type: 'text' })
  teamId!: string;

  @Column({ name: 'call_started_at', type: 'timestamptz' })
  callStartedAt!: Date;

  @Column({ name: 'scorecard_key', type: 'text' })
  scorecardKey!: string;

  @Column({ name: 'scorecard_version', type: 'integer' })
  scorecardVersion!: number;

  @Column({
    type: 'numeric',
    precision: 5,
    scale: 1,
    transformer: numeric,
  })
  score!: number;

  @Column({ type: 'text' })
  grade!: string;

  @Column({ type: 'text' })
  status!: EvaluationStatus;

  /** The engine's result, never changed. */
  @Column({ type: 'jsonb' })
  result!: EvaluationResult;

  @Column({ type: 'integer' })
  version!: number;

  /** The engine's score and grade; `score`/`grade` are the reviewed (or held-out) ones. */
  @Column({ name: 'auto_score', type: 'numeric', precision: 5, scale: 1, transformer: numeric })
  autoScore!: number;

  @Column({ name: 'auto_grade', type: 'text' })
  autoGrade!: string;

  /** The result after people's decisions and held-out items; null while it equals `result`. */
  @Column({ name: 'current_result', type: 'jsonb', nullable: true })
  currentResult!: EvaluationResult | null;

  @Column({ type: 'jsonb' })
  review!: ReviewState;

  /** Items the scorecard marks needsHumanReview: their fails count only once a person confirms. */
  @Column({ name: 'review_items', type: 'text', array: true })
  reviewItems!: string[];

  @Column({ name: 'finalized_at', type: 'timestamptz', nullable: true })
  finalizedAt!: Date | null;

  @Column({ name: 'finalized_by', type: 'text', nullable: true })
  finalizedBy!: string | null;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  @Column({ name: 'released_by', type: 'text', nullable: true })
  releasedBy!: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
