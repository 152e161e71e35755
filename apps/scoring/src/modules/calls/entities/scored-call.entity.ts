import { CallKeyColumns } from '@qa/persistence';
import { customerPiiTransformer } from '@qa/pii';
import { Column, Entity } from 'typeorm';

@Entity({ name: 'calls' })
export class ScoredCallEntity extends CallKeyColumns {
  /** The call as received (proto JSON form); customer.phone and customer.id encrypted at rest. */
  @Column({ type: 'jsonb', transformer: customerPiiTransformer })
  call!: object;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
