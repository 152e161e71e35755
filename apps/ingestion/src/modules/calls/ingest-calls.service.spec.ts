import { QueryFailedError } from 'typeorm';
import { withoutParameters } from './ingest-calls.service';

describe(withoutParameters.name, () => {
  it('drops the parameters (call bodies) of a failed query, keeping the message and SQLSTATE', () => {
    const failed = new QueryFailedError('INSERT …', ['{"text":"手机13800138000"}'], {
      message: 'deadlock detected',
      code: '40P01',
    } as unknown as Error);
    const clean = withoutParameters(failed) as Error & { code?: string };
    expect(clean.message).toBe('storing calls failed: deadlock detected');
    expect(clean.code).toBe('40P01');
    expect(JSON.stringify({ ...clean, message: clean.message })).not.toContain('13800138000');
  });

  it('passes other errors through', () => {
    const other = new Error('boom');
    expect(withoutParameters(other)).toBe(other);
  });
});
