import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { defaultScorecard, ScorecardDefinition, validateScorecard } from '@qa/qa-rules';
import { DataSource, EntityManager } from 'typeorm';
import { ScorecardEntity } from './entities/scorecard.entity';
import { ScorecardError } from './scorecards.errors';
import { ScorecardsRepository } from './scorecards.repository';

export const DEFAULT_SCORECARD_KEY = 'default';
const CACHED_VERSIONS = 1024;

/** Scorecards are versioned data: a change is a new version, never an edit in place. */
@Injectable()
export class ScorecardsService {
  /** Versions by row id: a version never changes, so only which one is active must be read. */
  private readonly byId = new Map<string, ScorecardEntity>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly scorecards: ScorecardsRepository,
  ) {}

  /** The tenant's active scorecard, installing the default one for a tenant that has none. */
  async ensureDefault(manager: EntityManager, tenantId: string): Promise<ScorecardEntity> {
    const active = await this.scorecards.findActive(manager, tenantId);
    if (active) return active;
    await this.scorecards.lockTenant(manager, tenantId);
    const again = await this.scorecards.findActive(manager, tenantId);
    if (again) return again;
    const definition = defaultScorecard();
    const version =
      (await this.scorecards.latestVersion(manager, tenantId, DEFAULT_SCORECARD_KEY)) + 1;
    const row = {
      id: randomUUID(),
      tenantId,
      scorecardKey: DEFAULT_SCORECARD_KEY,
      version,
      name: definition.name,
      definition: { ...definition, id: DEFAULT_SCORECARD_KEY, version },
      active: true,
      createdBy: 'system',
    };
    await this.scorecards.insertIfAbsent(manager, row);
    return { ...row, createdAt: new Date() };
  }

  /**
   * The active scorecard of each tenant: one small query for which versions are active (so an
   * activation by any replica counts at once), definitions from memory, read once per version.
   */
  async activeFor(
    manager: EntityManager,
    tenantIds: readonly string[],
  ): Promise<Map<string, ScorecardEntity>> {
    const ids = await this.scorecards.activeIds(manager, tenantIds);
    const missing = [...new Set(ids.values())].filter((id) => !this.byId.has(id));
    if (missing.length > 0) {
      if (this.byId.size + missing.length > CACHED_VERSIONS) this.byId.clear();
      for (const row of await this.scorecards.findByIds(manager, missing))
        this.byId.set(row.id, row);
    }
    const out = new Map<string, ScorecardEntity>();
    for (const tenantId of tenantIds) {
      const id = ids.get(tenantId);
      const row = id === undefined ? undefined : this.byId.get(id);
      out.set(tenantId, row ?? (await this.ensureDefault(manager, tenantId)));
    }
    return out;
  }

  list(tenantId: string): Promise<ScorecardEntity[]> {
    return this.scorecards.listForTenant(tenantId);
  }

  async versions(tenantId: string, key: string): Promise<ScorecardEntity[]> {
    const rows = await this.scorecards.listVersions(tenantId, key);
    if (rows.length === 0) throw ScorecardError.notFound(key);
    return rows;
  }

  async get(tenantId: string, key: string, version: number): Promise<ScorecardEntity> {
    const row = await this.scorecards.findVersion(tenantId, key, version);
    if (!row) throw ScorecardError.notFound(key, version);
    return row;
  }

  /** Creates version 1 of a new scorecard (`isNew`) or the next version of an existing one. */
  async addVersion(
    tenantId: string,
    key: string,
    definition: ScorecardDefinition,
    opts: { actor: string; activate: boolean; isNew: boolean },
  ): Promise<ScorecardEntity> {
    // The key and the next version number are the server's to give: whatever the body says of them
    // is replaced below, so it is neither required nor judged.
    const problems = validateScorecard({ ...definition, id: key, version: 1 });
    if (problems.length > 0) throw ScorecardError.invalid(problems);
    return this.dataSource.transaction(async (manager) => {
      await this.scorecards.lockTenant(manager, tenantId);
      const latest = await this.scorecards.latestVersion(manager, tenantId, key);
      if (opts.isNew && latest > 0) throw ScorecardError.exists(key);
      if (!opts.isNew && latest === 0) throw ScorecardError.notFound(key);
      const version = latest + 1;
      const row = {
        id: randomUUID(),
        tenantId,
        scorecardKey: key,
        version,
        name: definition.name,
        definition: { ...definition, id: key, version },
        active: false,
        createdBy: opts.actor,
      };
      await this.scorecards.insertIfAbsent(manager, row);
      if (opts.activate) await this.scorecards.activate(manager, tenantId, row.id);
      return { ...row, active: opts.activate, createdAt: new Date() };
    });
  }

  async activate(tenantId: string, key: string, version: number): Promise<ScorecardEntity> {
    return this.dataSource.transaction(async (manager) => {
      await this.scorecards.lockTenant(manager, tenantId);
      const row = await this.scorecards.findVersion(tenantId, key, version, manager);
      if (!row) throw ScorecardError.notFound(key, version);
      await this.scorecards.activate(manager, tenantId, row.id);
      return { ...row, active: true };
    });
  }
}
