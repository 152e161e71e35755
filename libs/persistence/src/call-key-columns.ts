import { Column, PrimaryColumn } from 'typeorm';

/** The columns by which every service's own copy of a call is keyed and filtered. */
export abstract class CallKeyColumns {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'call_id', type: 'text' })
  callId!: string;

  @Column({ name: 'agent_id', type: 'text' })
  agentId!: string;

  @Column({ name: 'team_id', type: 'text' })
  teamId!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;
}
