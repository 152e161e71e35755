import { customerPiiTransformer } from '@qa/pii';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'calls' })
export class ScoredCallEntity {
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

  /** The call as received (proto JSON form); customer.phone and customer.id encrypted at rest. */
  @Column({ type: 'jsonb', transformer: customerPiiTransformer })
  call!: object;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
