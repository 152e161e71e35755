import type { Outcome } from '@qa/qa-rules';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DisputeStatus = 'open' | 'upheld' | 'partly_accepted' | 'amended';

export interface DisputedItem {
  ruleId?: string;
  itemId: string;
  comment: string;
}

export interface DecidedItem {
  ruleId?: string;
  itemId: string;
  outcome: Outcome;
  comment?: string;
}

/** An agent's dispute of a released evaluation, and the lead's decision on it. */
@Entity({ name: 'disputes' })
export class DisputeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'evaluation_id', type: 'uuid' })
  evaluationId!: string;

  @Column({ name: 'agent_id', type: 'text' })
  agentId!: string;

  @Column({ type: 'jsonb' })
  items!: DisputedItem[];

  @Column({ type: 'text' })
  status!: DisputeStatus;

  @Column({ name: 'opened_by', type: 'text' })
  openedBy!: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_comment', type: 'text', nullable: true })
  decisionComment!: string | null;

  @Column({ name: 'decision_items', type: 'jsonb', nullable: true })
  decisionItems!: DecidedItem[] | null;
}
