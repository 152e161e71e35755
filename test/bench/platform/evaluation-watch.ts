import { Client } from 'pg';

/**
 * Watches scoring's evaluations of one tenant's calls started in a window (found by index): per call, the row's created_at
 * (the storing transaction's start, an early bound) and when a 50 ms poll first saw it committed
 * (a late bound).
 */
export class EvaluationWatch {
  readonly createdAt = new Map<string, number>();
  readonly seenAt = new Map<string, number>();
  private since = 0;

  constructor(
    private readonly db: Client,
    private readonly tenantId: string,
    private readonly from: string,
    private readonly to: string,
  ) {}

  async poll(): Promise<void> {
    const rows = (
      await this.db.query<{ call_id: string; at: string }>(
        `SELECT call_id, (extract(epoch from created_at) * 1000)::bigint AS at
         FROM scoring.evaluations
         WHERE tenant_id = $1 AND call_started_at >= $2 AND call_started_at < $3
           AND created_at >= to_timestamp($4 / 1000.0)`,
        [this.tenantId, this.from, this.to, this.since],
      )
    ).rows;
    const now = Date.now();
    let newest = this.since;
    for (const r of rows) {
      const at = Number(r.at);
      newest = Math.max(newest, at);
      if (this.seenAt.has(r.call_id)) continue;
      this.seenAt.set(r.call_id, now);
      this.createdAt.set(r.call_id, at);
    }
    // A transaction that began earlier may commit later: look back a few seconds each time.
    this.since = Math.max(0, newest - 5000);
  }

  /** Polls until `n` calls have an evaluation or the time is up; answers how many do. */
  async until(n: number, timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.poll();
      if (this.seenAt.size >= n || Date.now() > deadline) return this.seenAt.size;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Evaluations and distinct calls in the window: equal when every call was scored once. */
  async counts(): Promise<{ evaluations: number; calls: number }> {
    const [row] = (
      await this.db.query<{ evaluations: number; calls: number }>(
        `SELECT count(*)::int AS evaluations, count(DISTINCT call_id)::int AS calls
         FROM scoring.evaluations
         WHERE tenant_id = $1 AND call_started_at >= $2 AND call_started_at < $3`,
        [this.tenantId, this.from, this.to],
      )
    ).rows;
    return row;
  }
}
