import { screenBatch } from './batch-screening';
import { sampleCall } from '@qa/testing';

const ok = (value: unknown) => ({ ok: true as const, value });

describe(screenBatch.name, () => {
  it('keeps valid calls and rejects each bad one with its errors and position', () => {
    const { rejected, byTenant } = screenBatch(
      [
        ok(sampleCall()),
        ok(sampleCall({ callId: 'c-2', direction: 'up' })),
        ok(sampleCall({ callId: 'c-3' })),
      ],
      'acme',
    );
    expect(byTenant.get('acme')?.map((v) => v.index)).toEqual([0, 2]);
    expect(rejected).toEqual([
      {
        index: 1,
        callId: 'c-2',
        status: 'rejected',
        errors: [expect.objectContaining({ path: 'direction' })],
      },
    ]);
  });

  it('rejects the later copies of a callId and calls of another tenant', () => {
    const { rejected } = screenBatch(
      [
        ok(sampleCall()),
        ok(sampleCall({ csat: 5 })),
        ok(sampleCall({ callId: 'c-9', tenantId: 'other' })),
      ],
      'acme',
    );
    expect(rejected.map((r) => [r.index, r.errors?.[0].path, r.errors?.[0].message])).toEqual([
      [1, 'callId', 'appears earlier in this batch'],
      [2, 'tenantId', 'must be your own tenant'],
    ]);
  });

  it('lets the platform admin send calls of several tenants, grouped by tenant', () => {
    const { byTenant } = screenBatch(
      [ok(sampleCall()), ok(sampleCall({ tenantId: 'beta' }))],
      null,
    );
    expect([...byTenant.keys()]).toEqual(['acme', 'beta']);
  });

  it('passes parse failures through', () => {
    const errors = [{ path: '', message: 'line is not JSON' }];
    expect(screenBatch([{ ok: false, errors }], 'acme').rejected).toEqual([
      { index: 0, callId: null, status: 'rejected', errors },
    ]);
  });
});
