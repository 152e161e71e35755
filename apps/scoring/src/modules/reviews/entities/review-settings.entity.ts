import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A tenant's dispute rules; a tenant without a row gets 7 days and 1 dispute. */
@Entity({ name: 'review_settings' })
export class ReviewSettingsEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'dispute_window_days', type: 'integer' })
  disputeWindowDays!: number;

  @Column({ name: 'max_disputes', type: 'integer' })
  maxDisputes!: number;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
