import { Injectable } from '@nestjs/common';
import { Identity, tenantOf } from '@qa/platform';
import { DataSource } from 'typeorm';
import { CoachingSettings, mergeSettings } from '../../domain/coaching-settings';
import { CoachingError } from '../../coaching.errors';
import { SettingsRepository } from './settings.repository';

export type SettingsView = CoachingSettings & { version: number };

@Injectable()
export class SettingsService {
  constructor(
    private readonly db: DataSource,
    private readonly settings: SettingsRepository,
  ) {}

  async get(identity: Identity): Promise<SettingsView> {
    const s = await this.settings.get(tenantOf(identity));
    return { ...s.settings, version: s.version };
  }

  /** Applies from the next evaluation on; open assignments keep the threshold that opened them. */
  async put(identity: Identity, body: Record<string, unknown>): Promise<SettingsView> {
    const tenantId = tenantOf(identity);
    return this.db.transaction(async (m) => {
      const current = await this.settings.get(tenantId, m, true);
      const expected = body.expectedVersion;
      if (expected !== undefined && expected !== current.version) {
        if (!Number.isInteger(expected))
          throw CoachingError.invalid([{ path: 'expectedVersion', message: 'an integer' }]);
        throw CoachingError.stale('settings', expected as number, current.version);
      }
      const merged = mergeSettings(current.settings, body);
      if (!merged.settings) throw CoachingError.invalid(merged.errors);
      const next = { settings: merged.settings, version: current.version + 1 };
      await this.settings.save(m, tenantId, next, identity.username);
      return { ...next.settings, version: next.version };
    });
  }
}
