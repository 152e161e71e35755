import { interleave } from './dead-letters.bench';

describe(interleave.name, () => {
  it('makes the given share of all records bad, spread among the good ones', () => {
    const out = interleave([1, 2, 3, 4, 5, 6, 7, 8], (i) => -(i + 1), 0.2);
    expect(out).toEqual([1, 2, 3, 4, -1, 5, 6, 7, 8, -2]);
    expect(out.filter((x) => x < 0).length / out.length).toBe(0.2);
  });

  it('leaves the good ones alone at 0 %', () => {
    expect(interleave([1, 2, 3], () => -1, 0)).toEqual([1, 2, 3]);
  });
});
