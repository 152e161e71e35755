import { cdrToCall, parseCsv, toCdrRecord } from './asterisk-cdr';

const line = (over: Partial<Record<string, string>> = {}) => {
  const r = {
    accountcode: 't-01',
    src: '13800138000',
    dst: '1001',
    dcontext: 'from-pstn',
    clid: '"Customer" <13800138000>',
    channel: 'SIP/trunk-00000001',
    dstchannel: 'SIP/1001-0000002a',
    lastapp: 'Dial',
    lastdata: 'SIP/1001,30',
    start: '2026-11-22 09:00:00',
    answer: '2026-11-22 09:00:07',
    end: '2026-11-22 09:04:10',
    duration: '250',
    billsec: '243',
    disposition: 'ANSWERED',
    amaflags: 'DOCUMENTATION',
    uniqueid: '1732237200.42',
    userfield: '',
    ...over,
  };
  return Object.values(r)
    .map((v) => `"${v.replace(/"/g, '""')}"`)
    .join(',');
};

describe(parseCsv.name, () => {
  it('handles quotes, doubled quotes, commas inside fields and CRLF', () => {
    expect(parseCsv('a,"b,c","d ""e"""\r\n1,2,3\n')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['1', '2', '3'],
    ]);
  });
});

describe(cdrToCall.name, () => {
  it('maps an answered CDR with ringing = answer − start and the transcript by uniqueid', () => {
    const [fields] = parseCsv(line());
    const rec = toCdrRecord(fields);
    if (typeof rec === 'string') throw new Error(rec);
    const segs = [{ speaker: 'agent' as const, startMs: 0, endMs: 1000, text: '您好' }];
    expect(
      cdrToCall(rec, {
        tenantId: 'acme',
        utcOffset: '+08:00',
        transcripts: { '1732237200.42': segs },
      }),
    ).toEqual({
      callId: 'ast-1732237200.42',
      tenantId: 'acme',
      direction: 'inbound',
      purpose: 'service',
      agentId: '1001',
      teamId: 't-01',
      customer: { phone: '13800138000' },
      startedAt: '2026-11-22T09:00:00+08:00',
      answeredAt: '2026-11-22T09:00:07+08:00',
      endedAt: '2026-11-22T09:04:10+08:00',
      hangupBy: 'system',
      segments: segs,
    });
  });

  it('stores an unanswered call as abandoned', () => {
    const rec = toCdrRecord(
      parseCsv(line({ answer: '', disposition: 'NO ANSWER', dstchannel: '' }))[0],
    );
    if (typeof rec === 'string') throw new Error(rec);
    expect(cdrToCall(rec, { tenantId: 'acme', utcOffset: '+08:00' })).toMatchObject({
      answeredAt: null,
      segments: [],
      agentId: '1001',
    });
  });

  it('reports short rows', () => {
    expect(toCdrRecord(['a', 'b'])).toBe('expected 18 columns, got 2');
  });
});
