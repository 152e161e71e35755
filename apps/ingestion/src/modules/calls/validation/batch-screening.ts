import type { FieldError } from '@qa/platform';
import type { ParsedItem } from './batch-parsing';
import { validateCallPayload } from './full-validation';
import type { CallBody } from '../calls.types';

export interface BatchItemResult {
  index: number;
  callId: string | null;
  status: 'accepted' | 'duplicate' | 'rejected';
  errors?: FieldError[];
  /** The input line (NDJSON, CSV), from 1. */
  line?: number;
}

export interface ScreenedBatch {
  rejected: BatchItemResult[];
  /** Valid calls by tenant, each with its position in the batch. */
  byTenant: Map<string, { index: number; body: CallBody }[]>;
}

const callIdOf = (value: unknown): string | null => {
  const id = (value as { callId?: unknown } | null)?.callId;
  return typeof id === 'string' && id.length <= 128 ? id : null;
};

/**
 * Validates every item on its own: a bad item is rejected with all its field errors and the
 * others go on. `tenantId` null (the platform admin) accepts calls of any tenant; otherwise an
 * item of another tenant is rejected. A callId seen earlier in the batch is rejected, so one
 * request never stores two versions of a call.
 */
export function screenBatch(items: ParsedItem[], tenantId: string | null): ScreenedBatch {
  const rejected: BatchItemResult[] = [];
  const byTenant = new Map<string, { index: number; body: CallBody }[]>();
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (!item.ok) {
      rejected.push({ index, callId: null, status: 'rejected', errors: item.errors });
      return;
    }
    const callId = callIdOf(item.value);
    const v = validateCallPayload(item.value);
    if (!v.ok) {
      rejected.push({ index, callId, status: 'rejected', errors: v.errors });
      return;
    }
    if (tenantId !== null && v.body.tenantId !== tenantId) {
      rejected.push({
        index,
        callId,
        status: 'rejected',
        errors: [{ path: 'tenantId', message: 'must be your own tenant' }],
      });
      return;
    }
    const key = `${v.body.tenantId}\u0000${v.body.callId}`;
    if (seen.has(key)) {
      rejected.push({
        index,
        callId,
        status: 'rejected',
        errors: [{ path: 'callId', message: 'appears earlier in this batch' }],
      });
      return;
    }
    seen.add(key);
    const list = byTenant.get(v.body.tenantId) ?? [];
    list.push({ index, body: v.body });
    byTenant.set(v.body.tenantId, list);
  });
  return { rejected, byTenant };
}
