import { Identity, signIdentity } from '@qa/platform';

export const TEST_SECRET = (): string =>
  process.env.INTERNAL_SECRET ?? 'test-internal-secret-0123456789';

/** Headers the gateway would add for this identity. */
export function asIdentity(
  identity: Partial<Identity> & { tenantId: string | null },
): Record<string, string> {
  return signIdentity(
    { userId: 'u-test', username: 'tester', role: 'admin', ...identity },
    TEST_SECRET(),
  );
}
