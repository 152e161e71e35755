import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CoachingSettings, DEFAULT_SETTINGS } from '../../domain/coaching-settings';

export interface StoredSettings {
  settings: CoachingSettings;
  /** 0 while the tenant still runs on the defaults. */
  version: number;
}

@Injectable()
export class SettingsRepository {
  constructor(private readonly db: DataSource) {}

  async get(
    tenantId: string,
    m: EntityManager = this.db.manager,
    lock = false,
  ): Promise<StoredSettings> {
    const [row] = (await m.query(
      `SELECT settings, version FROM coaching.settings WHERE tenant_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [tenantId],
    )) as { settings: CoachingSettings; version: number }[];
    return row
      ? { settings: { ...DEFAULT_SETTINGS, ...row.settings }, version: row.version }
      : { settings: DEFAULT_SETTINGS, version: 0 };
  }

  async save(m: EntityManager, tenantId: string, s: StoredSettings, actor: string): Promise<void> {
    await m.query(
      `INSERT INTO coaching.settings (tenant_id, settings, version, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (tenant_id) DO UPDATE SET settings = EXCLUDED.settings,
         version = EXCLUDED.version, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [tenantId, JSON.stringify(s.settings), s.version, actor],
    );
  }
}
