import { Metrics, reasonKind } from './metrics';

describe('Metrics', () => {
  it('keeps dead-letter reasons to their kind, so labels stay few', () => {
    expect(reasonKind('invalid: segments.3.endMs must be after startMs; tenantId missing')).toBe(
      'invalid',
    );
    expect(reasonKind('undecodable protobuf: index out of range: 9 + 10 > 12')).toBe(
      'undecodable protobuf',
    );
    expect(reasonKind('empty payload')).toBe('empty payload');
    expect(reasonKind('客户 13800138000: 无效')).toBe('other');
  });

  it('serves each instance its own registry with the service label', async () => {
    const a = new Metrics('scoring');
    const b = new Metrics('kpi');
    a.deadLettered('qa.call.ingested.v1', 'invalid: x');
    a.published.inc({ topic: 'qa.evaluation.scored.v1' }, 3);
    const text = await a.registry.metrics();
    expect(text).toMatch(
      /qa_dead_letters_total\{topic="qa.call.ingested.v1",reason="invalid",service="scoring"\} 1/,
    );
    expect(text).toMatch(
      /qa_events_published_total\{topic="qa.evaluation.scored.v1",service="scoring"\} 3/,
    );
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(await b.registry.metrics()).not.toContain('qa.call.ingested.v1');
  });
});
