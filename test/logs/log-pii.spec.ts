import { piiInLogLine, scanLog } from './log-pii';

const line = (msg: string, extra = '') =>
  `{"level":40,"time":1764547200000,"pid":4321,"hostname":"qa-1","service":"ingestion"${extra},"msg":"${msg}"}`;

describe('the log PII check', () => {
  it.each([
    ['a mobile number', 'customer 13812345678 called back'],
    ['a split mobile number', 'dialled 138-1234-5678'],
    ['an ID-card number', 'id 11010519491231002X on file'],
    ['a bank card (Luhn)', 'card 6222021234567890128 refused'],
    ['digits read out', '号码是幺三八幺二三四五六七八'],
  ])('finds %s and reports it masked', (_, msg) => {
    const masked = piiInLogLine(line(msg));
    expect(masked).not.toBeNull();
    expect(masked).not.toContain('1234567');
  });

  it('leaves request and trace ids alone, whatever digits they hold', () => {
    expect(
      piiInLogLine(line('req', ',"req":{"id":"7092b899-d088-4563-8051-d2b804b0c322"}')),
    ).toBeNull();
    expect(piiInLogLine(line('span', ',"traceId":"a13812345678901234567890123456bc"'))).toBeNull();
    // Span ids are 16 hex digits, now and then all of them decimal (here a Luhn-valid card number).
    const ids = ',"trace_id":"13812345678901234567890123456789","span_id":"6222021234567890"';
    expect(piiInLogLine(line('applied', ids))).toBeNull();
    expect(
      piiInLogLine(
        line('applied', ',"traceId":"00-13812345678901234567890123456789-6222021234567890-01"'),
      ),
    ).toBeNull();
    expect(
      piiInLogLine(line('customer 13812345678', ',"traceId":"a13812345678901234567890123456bc"')),
    ).not.toBeNull();
  });

  it('leaves a clean line alone, times and pids included', () => {
    expect(piiInLogLine(line('chunk applied', ',"calls":500,"ms":1764547200123'))).toBeNull();
    expect(piiInLogLine(line('call c-20261122-000123 scored 87.5'))).toBeNull();
  });

  it('reads only log lines, and says where a finding is', () => {
    const content = [
      'PASS apps/x.spec.ts',
      '  ✓ masks 13812345678',
      line('ok'),
      line('to 13812345678'),
    ].join('\n');
    const r = scanLog('int.log', content);
    expect(r.lines).toBe(2);
    expect(r.findings.map((f) => [f.file, f.line])).toEqual([['int.log', 4]]);
  });
});
