import fc from 'fast-check';
import { parseInstant } from './parse-instant';

describe(parseInstant.name, () => {
  it('agrees with Date.parse on ISO instants with an offset', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const iso = fc
      .record({
        y: fc.integer({ min: 0, max: 9999 }),
        mo: fc.integer({ min: 0, max: 13 }),
        d: fc.integer({ min: 0, max: 32 }),
        h: fc.integer({ min: 0, max: 25 }),
        mi: fc.integer({ min: 0, max: 60 }),
        s: fc.integer({ min: 0, max: 60 }),
        frac: fc.option(fc.stringMatching(/^[0-9]{0,10}$/)),
        zone: fc.oneof(
          fc.constantFrom('Z', 'z', '', '+08:00', '-05:30', '+24:00', '+0800'),
          fc
            .tuple(
              fc.constantFrom('+', '-'),
              fc.integer({ min: 0, max: 23 }),
              fc.integer({ min: 0, max: 59 }),
            )
            .map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`),
        ),
        t: fc.constantFrom('T', 't', ' '),
      })
      .map(
        (x) =>
          `${pad(x.y, 4)}-${pad(x.mo)}-${pad(x.d)}${x.t}${pad(x.h)}:${pad(x.mi)}:${pad(x.s)}` +
          `${x.frac === null ? '' : `.${x.frac}`}${x.zone}`,
      );
    fc.assert(
      fc.property(iso, (s) => {
        expect(parseInstant(s)).toBe(Date.parse(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves everything else to Date.parse', () => {
    for (const s of ['', 'yesterday', '2026-11-22', '2026-11-22T09:00:07', 'x'.repeat(25)]) {
      expect(parseInstant(s)).toBe(Date.parse(s));
    }
  });
});
