import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type HistoryAction =
  | 'scored'
  | 'reviewed'
  | 'finalized'
  | 'released'
  | 'acknowledged'
  | 'disputed'
  | 'dispute_decided';

/** One changed item: a finding's rule (`ruleId`, with its item) or a manual item (`itemId`). */
export interface HistoryChange {
  ruleId?: string;
  itemId: string;
  before: string;
  after: string;
  /** Why this item changed: an override's reason, a manual answer's or a dispute item's comment. */
  reason?: string;
}

const numeric = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** Append-only (a trigger refuses UPDATE and DELETE): who did what to an evaluation, and why. */
@Entity({ name: 'evaluation_history' })
export class EvaluationHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'evaluation_id', type: 'uuid' })
  evaluationId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  by!: string;

  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'text' })
  action!: HistoryAction;

  @Column({ type: 'jsonb' })
  changes!: HistoryChange[];

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({
    name: 'score_before',
    type: 'numeric',
    precision: 5,
    scale: 1,
    nullable: true,
    transformer: numeric,
  })
  scoreBefore!: number | null;

  @Column({
    name: 'score_after',
    type: 'numeric',
    precision: 5,
    scale: 1,
    nullable: true,
    transformer: numeric,
  })
  scoreAfter!: number | null;

  @Column({ name: 'dispute_id', type: 'uuid', nullable: true })
  disputeId!: string | null;
}

export type NewHistoryRow = Omit<EvaluationHistoryEntity, 'id'>;
