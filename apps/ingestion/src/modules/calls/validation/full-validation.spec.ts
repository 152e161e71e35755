import { checkStructure, validateCallPayload } from './full-validation';
import { hashCallBody } from '../call-body';
import { sampleCall } from '@qa/testing';

const paths = (raw: unknown) => {
  const v = validateCallPayload(raw);
  return v.ok ? [] : v.errors.map((e) => e.path);
};

describe(validateCallPayload.name, () => {
  it('accepts a valid call through the fast path and the class-validator path alike', () => {
    const fast = validateCallPayload(sampleCall());
    const slow = validateCallPayload({ ...sampleCall(), csat: null }); // null is not fast-path material
    expect(fast.ok && slow.ok && hashCallBody(fast.body) === hashCallBody(slow.body)).toBe(true);
  });

  it('treats null optional fields as absent', () => {
    const v = validateCallPayload(
      sampleCall({ ringCount: null, recordingUrl: null, customer: null }),
    );
    expect(v.ok && v.body).toEqual(expect.not.objectContaining({ ringCount: expect.anything() }));
    expect(v.ok && 'customer' in v.body).toBe(false);
  });

  it.each([
    ['a time without an offset', sampleCall({ startedAt: '2026-11-22T09:00:00' }), 'startedAt'],
    ['a date without a time', sampleCall({ endedAt: '2026-11-22' }), 'endedAt'],
    [
      'answeredAt left out (null is how to say abandoned)',
      sampleCall({ answeredAt: undefined }),
      'answeredAt',
    ],
    ['a year out of range', sampleCall({ startedAt: '1999-12-31T23:59:00Z' }), 'startedAt'],
    [
      'a lone surrogate',
      sampleCall({ segments: [{ speaker: 'agent', startMs: 0, endMs: 1, text: 'a\ud800' }] }),
      'segments.0.text',
    ],
    ['NUL in customer.id', sampleCall({ customer: { id: 'a\u0000b' } }), 'customer.id'],
    [
      'control characters in recordingUrl',
      sampleCall({ recordingUrl: 'file:///a\u0007' }),
      'recordingUrl',
    ],
    ['a constructor key', { ...sampleCall(), constructor: { x: 1 } }, 'constructor'],
    [
      'a __proto__ key',
      JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(sampleCall()).slice(1)}`),
      '__proto__',
    ],
    [
      'segments out of order',
      sampleCall({
        segments: [
          { speaker: 'agent', startMs: 5, endMs: 6, text: 'a' },
          { speaker: 'agent', startMs: 1, endMs: 2, text: 'b' },
        ],
      }),
      'segments.1.startMs',
    ],
  ])('refuses %s', (_name, raw, path) => {
    expect(paths(raw)).toContain(path);
  });

  it('lists every failing field, not only the first', () => {
    expect(paths(sampleCall({ direction: 'x', purpose: 'y', csat: 9 }))).toEqual(
      expect.arrayContaining(['direction', 'purpose', 'csat']),
    );
  });

  it('refuses non-objects', () => {
    expect(paths([sampleCall()])).toEqual(['']);
    expect(paths('call')).toEqual(['']);
    expect(paths(null)).toEqual(['']);
  });
});

describe(checkStructure.name, () => {
  it('stops nesting deep enough to exhaust the stack, without recursing itself', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const errors = checkStructure({ segments: deep });
    expect(errors).toEqual([
      { path: 'segments', message: 'nested more than 6 levels deep (at segments.0.0.0.0.0.0)' },
    ]);
  });

  it('passes an ordinary call', () => {
    expect(checkStructure(sampleCall())).toEqual([]);
  });
});
