import { cdrToCall, isHeaderRow, parseCsv, toCdrRecord, toRfc3339 } from './asterisk-cdr';

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
const record = (over: Partial<Record<string, string>> = {}) => {
  const rec = toCdrRecord(parseCsv(line(over))[0].fields);
  if (typeof rec === 'string') throw new Error(rec);
  return rec;
};

describe(parseCsv.name, () => {
  it('handles quotes, doubled quotes, commas and newlines inside fields, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa,"b,c","d ""e"""\r\n1,"2\n2",3\n\n4,5,6')).toEqual([
      { fields: ['a', 'b,c', 'd "e"'], line: 1 },
      { fields: ['1', '2\n2', '3'], line: 2 },
      { fields: ['4', '5', '6'], line: 5 },
    ]);
  });

  it('recognises a header row', () => {
    expect(isHeaderRow(parseCsv('accountcode,src,dst')[0].fields)).toBe(true);
    expect(isHeaderRow(parseCsv(line())[0].fields)).toBe(false);
  });
});

describe(toRfc3339.name, () => {
  it('applies a fixed offset or the zone offset at that moment (DST-aware)', () => {
    expect(toRfc3339('2026-11-22 09:00:07', '+08:00')).toBe('2026-11-22T09:00:07+08:00');
    expect(toRfc3339('2026-11-22 09:00:07', 'Asia/Shanghai')).toBe('2026-11-22T09:00:07+08:00');
    expect(toRfc3339('2026-07-01 12:00:00', 'Europe/Berlin')).toBe('2026-07-01T12:00:00+02:00');
    expect(toRfc3339('2026-01-01 12:00:00', 'Europe/Berlin')).toBe('2026-01-01T12:00:00+01:00');
    expect(toRfc3339('2026-11-22 09:00:07', 'Asia/Kolkata')).toBe('2026-11-22T09:00:07+05:30');
    expect(toRfc3339('22/11/2026 09:00', '+08:00')).toBeNull();
  });
});

describe(cdrToCall.name, () => {
  it('maps an answered inbound CDR with ringing = answer − start and the transcript by uniqueid', () => {
    const segs = [{ speaker: 'agent' as const, startMs: 0, endMs: 1000, text: '您好' }];
    expect(
      cdrToCall(record(), {
        tenantId: 'acme',
        zone: '+08:00',
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

  it('stores an unanswered call as abandoned, without a transcript', () => {
    const rec = record({ answer: '', disposition: 'NO ANSWER', dstchannel: '' });
    expect(cdrToCall(rec, { tenantId: 'acme', zone: '+08:00' })).toMatchObject({
      answeredAt: null,
      segments: [],
      agentId: '1001',
    });
    const busy = record({ disposition: 'BUSY' });
    expect(cdrToCall(busy, { tenantId: 'acme', zone: '+08:00' }).answeredAt).toBeNull();
  });

  it('reads an outbound call from an internal context: agent from the channel, customer dialled', () => {
    const rec = record({
      dcontext: 'from-internal',
      src: '1002',
      dst: '13912345678',
      channel: 'PJSIP/1002-00000007',
      dstchannel: 'PJSIP/trunk-00000008',
    });
    expect(cdrToCall(rec, { tenantId: 'acme', zone: '+08:00' })).toMatchObject({
      direction: 'outbound',
      agentId: '1002',
      customer: { phone: '13912345678' },
    });
  });

  it('reports short rows and rows without a uniqueid', () => {
    expect(toCdrRecord(['a', 'b'])).toBe('expected 18 columns, got 2');
    expect(toCdrRecord(parseCsv(line({ uniqueid: '' }))[0].fields)).toContain('uniqueid');
  });
});
