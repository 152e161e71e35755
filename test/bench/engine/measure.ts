export interface Measurement {
  name: string;
  callsPerSecond: number;
  calls: number;
  seconds: number;
}

/**
 * Runs fn over the inputs round-robin for `seconds` after a warm-up; one thread, no await. The
 * results are folded into a checksum so the work cannot be optimised away.
 */
export function measure<T>(
  name: string,
  inputs: readonly T[],
  seconds: number,
  fn: (input: T) => unknown,
): { measurement: Measurement; checksum: number } {
  let checksum = 0;
  const warmUntil = process.hrtime.bigint() + BigInt(Math.round(Math.min(1, seconds / 3) * 1e9));
  for (let i = 0; process.hrtime.bigint() < warmUntil; i += 50) {
    for (let k = 0; k < 50; k++) checksum += fn(inputs[(i + k) % inputs.length]) ? 1 : 0;
  }
  let n = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < deadline) {
    for (let k = 0; k < 100; k++) checksum += fn(inputs[n++ % inputs.length]) ? 1 : 0;
    now = process.hrtime.bigint();
  }
  const elapsed = Number(now - start) / 1e9;
  return {
    measurement: {
      name,
      callsPerSecond: Math.round(n / elapsed),
      calls: n,
      seconds: Number(elapsed.toFixed(3)),
    },
    checksum,
  };
}

/** The median round, so one noisy round on a shared machine does not decide. */
export function medianOf(rounds: readonly Measurement[]): Measurement {
  const sorted = [...rounds].sort((a, b) => a.callsPerSecond - b.callsPerSecond);
  return sorted[Math.floor(sorted.length / 2)];
}
