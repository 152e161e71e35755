import { Injectable } from '@nestjs/common';
import { Identity, tenantOf } from '@qa/platform';
import { DataSource } from 'typeorm';
import { ComplaintSettings, mergeSettings } from '../../domain/complaint-settings';
import { rebaseAll } from '../../domain/ticket-clocks';
import { SlaTimers } from '../sla/sla-timers';
import { TicketEntity } from '../tickets/entities/ticket.entity';
import { TicketWorkflow } from '../tickets/ticket-workflow';
import { TicketError } from '../tickets/tickets.errors';
import { TicketsRepository } from '../tickets/tickets.repository';
import { SettingsRepository, StoredSettings } from './settings.repository';

export type SettingsView = ComplaintSettings & { version: number };

const view = (s: StoredSettings): SettingsView => ({ ...s.settings, version: s.version });

@Injectable()
export class SettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SettingsRepository,
    private readonly tickets: TicketsRepository,
    private readonly workflow: TicketWorkflow,
    private readonly timers: SlaTimers,
  ) {}

  async get(identity: Identity): Promise<SettingsView> {
    return view(await this.settings.get(tenantOf(identity)));
  }

  /**
   * New durations apply to tickets opened from now on. A new calendar applies to open tickets at
   * once: the time they used under the old calendar stays, the rest is recomputed.
   */
  async put(identity: Identity, body: Record<string, unknown>): Promise<SettingsView> {
    const tenantId = tenantOf(identity);
    const now = new Date();
    const { stored, moved } = await this.dataSource.transaction(async (manager) => {
      const current = await this.settings.get(tenantId, manager, true);
      const expected = body.expectedVersion;
      if (expected !== undefined && expected !== current.version) {
        if (!Number.isInteger(expected))
          throw TicketError.invalid([{ path: 'expectedVersion', message: 'an integer' }]);
        throw TicketError.settingsStale(expected as number, current.version);
      }
      const merged = mergeSettings(current.settings, body);
      if (!merged.settings) throw TicketError.invalid(merged.errors);
      const next = merged.settings;
      const stored = { settings: next, version: current.version + 1 };
      await this.settings.save(manager, tenantId, next, stored.version, identity.username);
      let moved: TicketEntity[] = [];
      if (JSON.stringify(next.calendar) !== JSON.stringify(current.settings.calendar)) {
        moved = await this.tickets.activeLocked(manager, tenantId);
        for (const t of moved) {
          t.clocks = rebaseAll(current.settings.calendar, t.clocks, now);
          this.workflow.refresh(t, next, now);
          await this.tickets.update(manager, t);
        }
      }
      return { stored, moved };
    });
    await this.timers.schedule(moved, stored.settings.calendar);
    return view(stored);
  }
}
