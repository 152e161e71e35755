import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { CallBody } from '../calls.types';

@Entity({ name: 'calls' })
export class CallEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'call_id', type: 'text' })
  callId!: string;

  @Column({ name: 'agent_id', type: 'text' })
  agentId!: string;

  @Column({ name: 'team_id', type: 'text' })
  teamId!: string;

  @Column({ type: 'text' })
  direction!: string;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz' })
  endedAt!: Date;

  @Column({ name: 'ring_count', type: 'integer' })
  ringCount!: number;

  @Column({ type: 'jsonb' })
  body!: CallBody;

  @Column({ name: 'body_hash', type: 'text' })
  bodyHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
