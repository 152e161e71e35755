import type { EvaluationResult } from '@qa/qa-rules';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

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
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  score!: number;

  @Column({ type: 'text' })
  grade!: string;

  @Column({ type: 'text' })
  status!: 'auto' | 'reviewed' | 'final';

  @Column({ type: 'jsonb' })
  result!: EvaluationResult;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
