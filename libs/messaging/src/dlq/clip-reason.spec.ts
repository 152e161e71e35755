import { clipReason, MAX_REASON } from './dead-letter.publisher';

describe(clipReason.name, () => {
  const reasons = (n: number) =>
    Array.from({ length: n }, (_, i) => `segments.${i}.text: text must be a string`).join('; ');

  it('keeps a long list of field errors whole (15 errors are well over 1,000 characters)', () => {
    const fifteen = reasons(15).repeat(2);
    expect(fifteen.length).toBeGreaterThan(1000);
    expect(clipReason(fifteen)).toBe(fifteen);
  });

  it('cuts only between reasons past the limit, saying how many were left out', () => {
    const many = reasons(2000);
    const clipped = clipReason(many);
    expect(clipped.length).toBeLessThanOrEqual(MAX_REASON);
    expect(clipped).toMatch(/text must be a string; … and \d+ more$/);
    const kept = clipped.split('; ').length - 1;
    expect(clipped).toContain(`and ${2000 - kept} more`);
  });

  it('cuts a single overlong reason with an ellipsis', () => {
    expect(clipReason('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
