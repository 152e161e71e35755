import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Scoring's copy of the tenant settings it needs, kept from qa.tenant.upserted.v1. */
@Entity({ name: 'tenants' })
export class TenantEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'company_name', type: 'text' })
  companyName!: string;

  @Column({ name: 'seconds_per_ring', type: 'integer' })
  secondsPerRing!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
