import { isDataError, isInfrastructureError } from './infrastructure-errors';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe(isInfrastructureError.name, () => {
  it('recognises a database or network that is down, also wrapped by TypeORM', () => {
    for (const err of [
      pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('08006'),
      pgError('53300', 'sorry, too many clients already'),
      pgError('55000', 'database "qa" is not currently accepting connections'),
      pgError('40P01', 'deadlock detected'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('query failed'), { driverError: pgError('57P03') }),
      new Error('wrapped', { cause: pgError('ETIMEDOUT') }),
    ]) {
      expect([err.message, isInfrastructureError(err)]).toEqual([err.message, true]);
    }
  });

  it('leaves message faults to the retry budget and the dead-letter topic', () => {
    for (const err of [
      pgError('23505', 'duplicate key value violates unique constraint'),
      pgError('22P02', 'invalid input syntax for type uuid'),
      pgError('23502'),
      new TypeError("Cannot read properties of undefined (reading 'segments')"),
      new Error('call c-1 was accepted before with a different body'),
      'a string',
      null,
      undefined,
    ]) {
      expect(isInfrastructureError(err)).toBe(false);
    }
  });

  it('stops on a cause cycle', () => {
    const a: Error & { cause?: unknown } = new Error('a');
    a.cause = new Error('b', { cause: a });
    expect(isInfrastructureError(a)).toBe(false);
  });
});

describe(isDataError.name, () => {
  it('recognises data the database refuses whatever the attempt, also wrapped by TypeORM', () => {
    for (const err of [
      pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'),
      pgError('22P02', 'invalid input syntax for type uuid'),
      Object.assign(new Error('query failed'), { driverError: pgError('22003') }),
      new Error('wrapped', { cause: pgError('22001') }),
    ]) {
      expect([err.message, isDataError(err)]).toEqual([err.message, true]);
    }
  });

  it('leaves outages, conflicts and other faults to their own handling', () => {
    for (const err of [
      pgError('23505', 'duplicate key value violates unique constraint'),
      pgError('40P01', 'deadlock detected'),
      pgError('ECONNREFUSED'),
      pgError('220', 'not a SQLSTATE'),
      new Error('call c-1 was accepted before with a different body'),
    ]) {
      expect([err.message, isDataError(err)]).toEqual([err.message, false]);
    }
  });
});
