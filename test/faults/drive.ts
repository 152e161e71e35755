import type { CallInput } from '@qa/qa-rules';
import { sleep } from '@qa/testing';
import type { GatewayClient } from '../bench/platform/gateway-client';
import type { FaultCall } from './fault-calls';

export interface DriveResult {
  /** Stored (accepted now or before): call id → answered. */
  accepted: Map<string, { answered: boolean }>;
  rejected: string[];
  /** Batches answered with something other than 200 (or not at all), then sent again. */
  retries: number;
  byKind: Record<string, number>;
}

/**
 * Posts `total` calls in batches through the gateway at an even pace over `seconds`, two
 * batches in flight. A batch that fails (a service killed, the database refusing) is sent again
 * as it was: the same calls are then duplicates, never second copies.
 */
export async function drive(
  client: GatewayClient,
  next: (i: number) => FaultCall,
  opts: { total: number; batchSize: number; seconds: number; onCall?: (c: CallInput) => void },
): Promise<DriveResult> {
  const result: DriveResult = { accepted: new Map(), rejected: [], retries: 0, byKind: {} };
  const batches = Math.ceil(opts.total / opts.batchSize);
  const t0 = Date.now();
  let b = 0;
  const lane = async () => {
    while (b < batches) {
      const mine = b++;
      const due = t0 + (mine * opts.seconds * 1000) / batches;
      if (due > Date.now()) await sleep(due - Date.now());
      const from = mine * opts.batchSize;
      const calls = Array.from({ length: Math.min(opts.batchSize, opts.total - from) }, (_, k) =>
        next(from + k),
      );
      for (const c of calls) {
        result.byKind[c.kind] = (result.byKind[c.kind] ?? 0) + 1;
        opts.onCall?.(c.body);
      }
      await postBatch(client, calls, result);
    }
  };
  await Promise.all([lane(), lane()]);
  return result;
}

async function postBatch(client: GatewayClient, calls: FaultCall[], result: DriveResult) {
  const body = JSON.stringify(calls.map((c) => c.body));
  // A killed ingestion takes a while to boot on a loaded machine; the watchdog bounds the rest.
  const deadline = Date.now() + 600_000;
  for (let attempt = 0; ; attempt++) {
    const a = await client.send('POST', '/api/v1/calls/batch', body).catch(() => undefined);
    if (a?.status === 200 || a?.status === 201) {
      const res = JSON.parse(a.body) as {
        results: { index: number; callId: string | null; status: string }[];
      };
      for (const r of res.results) {
        const c = calls[r.index];
        if (r.status === 'rejected') result.rejected.push(String(r.callId));
        else result.accepted.set(c.body.callId, { answered: !!c.body.answeredAt });
      }
      return;
    }
    result.retries++;
    if (Date.now() > deadline)
      throw new Error(`a batch was not accepted in 600 s (last answer ${a?.status ?? 'none'})`);
    await sleep(Math.min(5000, 250 * 2 ** attempt));
  }
}
