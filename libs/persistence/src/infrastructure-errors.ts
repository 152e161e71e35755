// SQLSTATE classes that say the database, not the message, is the problem: connection exceptions
// (08), insufficient resources (53), operator intervention (57: shutdown, cannot connect now),
// serialization failures and deadlocks (40001, 40P01), lock not available (55P03), and
// 55000 as "database is not currently accepting connections".
const TRANSIENT_SQLSTATE = /^(08|53|57|40001$|40P01$|55P03$|55000$)/;
const TRANSIENT_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const TRANSIENT_MESSAGE =
  /connection terminated|terminating connection|timeout exceeded when trying to connect|connection (is )?closed|not currently accepting connections|the database system is (starting up|shutting down)/i;

/**
 * Whether an operation failed because the database (or the network to it) is down, not because of
 * its input: consumers wait such a failure out instead of dead-lettering, and HTTP answers 503.
 * Looks through TypeORM's driverError and error causes.
 */
export function isInfrastructureError(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = err; e !== null && typeof e === 'object' && !seen.has(e);) {
    seen.add(e);
    const { code, message, driverError, cause } = e as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_ERRNO.has(code)))
      return true;
    if (typeof message === 'string' && TRANSIENT_MESSAGE.test(message)) return true;
    e = driverError ?? cause;
  }
  return false;
}

/**
 * Whether the database refused the data itself (SQLSTATE class 22, data exception: a NUL byte in
 * text, a number out of range, a malformed value): the same input fails every time, so a consumer
 * dead-letters it at once instead of retrying and holding up its partition.
 */
export function isDataError(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = err; e !== null && typeof e === 'object' && !seen.has(e);) {
    seen.add(e);
    const { code, driverError, cause } = e as {
      code?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return true;
    e = driverError ?? cause;
  }
  return false;
}
