import { bySize } from './outbox.relay';

const row = (n: number, bytes: number) => ({
  n,
  payload: Buffer.alloc(bytes),
  headers: { 'event-id': 'x' },
});
const sizes = (parts: ReturnType<typeof row>[][]) => parts.map((p) => p.map((r) => r.n));

describe(bySize.name, () => {
  it('keeps small events in one send, in order', () => {
    const rows = Array.from({ length: 500 }, (_, i) => row(i, 1000));
    expect(bySize(rows, 900 * 1024)).toEqual([rows]);
  });

  it('splits a run of large events so no produce request outgrows the limit, one too large alone', () => {
    const rows = [row(1, 400_000), row(2, 400_000), row(3, 400_000), row(4, 3_000_000), row(5, 10)];
    expect(sizes(bySize(rows, 900 * 1024))).toEqual([[1, 2], [3], [4], [5]]);
  });
});
