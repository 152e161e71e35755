import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ComplaintSettings } from '../../domain/complaint-settings';

@Entity({ name: 'settings' })
export class SettingsEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @Column({ type: 'jsonb' }) settings!: ComplaintSettings;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
