import {
  cdrCallId,
  cdrToCall,
  columnsFor,
  isHeaderRow,
  parseCsv,
  readCdrCsv,
  toCdrRecord,
  toRfc3339,
} from './asterisk-cdr';

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
    expect(isHeaderRow(parseCsv('accountcode,src,dst,start,answer,end')[0].fields)).toBe(true);
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
      customer: { phone: '13800138000', name: 'Customer' },
      startedAt: '2026-11-22T09:00:00+08:00',
      answeredAt: '2026-11-22T09:00:07+08:00',
      endedAt: '2026-11-22T09:04:10+08:00',
      hangupBy: 'unknown',
      disposition: 'answered',
      segments: segs,
    });
  });

  it('keeps the disposition of an unanswered call, which has no answer time nor transcript', () => {
    const opts = { tenantId: 'acme', zone: '+08:00' };
    const rec = record({ answer: '', disposition: 'NO ANSWER', dstchannel: '' });
    expect(cdrToCall(rec, opts)).toMatchObject({
      answeredAt: null,
      disposition: 'no_answer',
      segments: [],
      agentId: '1001',
    });
    for (const [raw, disposition] of [
      ['BUSY', 'busy'],
      ['FAILED', 'failed'],
      ['CONGESTION', 'congestion'],
    ]) {
      const call = cdrToCall(record({ disposition: raw, answer: '' }), opts);
      expect(call).toMatchObject({ answeredAt: null, disposition });
    }
    expect(cdrToCall(record({ disposition: 'UNKNOWN' }), opts).disposition).toBeUndefined();
  });

  it('says who hung up only when the userfield does, and keeps the caller name', () => {
    const opts = { tenantId: 'acme', zone: '+08:00' };
    expect(cdrToCall(record(), opts).hangupBy).toBe('unknown');
    const told = record({ userfield: 'queue=vip;hangupBy=agent' });
    expect(cdrToCall(told, opts).hangupBy).toBe('agent');
    expect(cdrToCall(record({ clid: '"张三" <13800138000>' }), opts).customer).toEqual({
      phone: '13800138000',
      name: '张三',
    });
    for (const clid of ['"13800138000" <13800138000>', '<13800138000>', '13800138000']) {
      expect(cdrToCall(record({ clid }), opts).customer).toEqual({ phone: '13800138000' });
    }
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

  it('reports rows with a column count cdr_csv never writes', () => {
    expect(toCdrRecord(['a', 'b'])).toContain('expected 16 to 21 columns');
    expect(toCdrRecord(new Array(22).fill('x'))).toContain('got 22');
  });
});

describe('cdr_csv layouts', () => {
  const cells = parseCsv(line())[0].fields;
  const base = cells.slice(0, 16);
  const opts = { tenantId: 'acme', zone: '+08:00' };
  const rec = (fields: string[], header?: string[]) => {
    const r = toCdrRecord(fields, header);
    if (typeof r === 'string') throw new Error(r);
    return r;
  };

  it('reads the default 16 columns, with a call id stable from the row', () => {
    const r = rec(base);
    expect(r).toMatchObject({ disposition: 'ANSWERED', amaflags: 'DOCUMENTATION', uniqueid: '' });
    const id = cdrCallId(r);
    expect(id).toMatch(/^ast-h[0-9a-f]{24}$/);
    expect(cdrCallId(rec([...base]))).toBe(id);
    const later = [...base];
    later[9] = '2026-11-22 09:00:01';
    expect(cdrCallId(rec(later))).not.toBe(id);
    expect(cdrToCall(r, opts)).toMatchObject({
      callId: id,
      answeredAt: '2026-11-22T09:00:07+08:00',
      disposition: 'answered',
    });
  });

  it('tells loguniqueid from loguserfield in 17 columns', () => {
    expect(columnsFor([...base, '1732237200.42'])).toContain('uniqueid');
    expect(columnsFor([...base, 'myhost-1732237200.42'])).toContain('uniqueid');
    expect(columnsFor([...base, 'vip'])).toContain('userfield');
    expect(rec([...base, 'hangupBy=customer'])).toMatchObject({
      uniqueid: '',
      userfield: 'hangupBy=customer',
    });
  });

  it('reads newcdrcolumns (peeraccount, linkedid, sequence) after the optional ones', () => {
    const full = rec([...cells, 'peer', '1732237200.40', '7']);
    expect(full).toMatchObject({ uniqueid: '1732237200.42', peeraccount: 'peer', sequence: '7' });
    expect(cdrCallId(full)).toBe('ast-1732237200.42');
    const bare = rec([...base, 'peer', '1732237200.40', '7']);
    expect(bare).toMatchObject({ uniqueid: '', linkedid: '1732237200.40', sequence: '7' });
    expect(cdrCallId(bare)).toBe('ast-1732237200.40-7');
    expect(rec([...base, '1732237200.42', 'peer', 'l', '8'])).toMatchObject({
      uniqueid: '1732237200.42',
      linkedid: 'l',
    });
  });

  it('maps columns by a header row when an export adds one, in any order', () => {
    const { rows, header } = readCdrCsv(
      'uniqueid,accountcode,src,dst,start,answer,end,disposition,clid\n' +
        '1.5,t-9,13800138000,1001,2026-11-22 09:00:00,,2026-11-22 09:00:30,BUSY,"Li" <13800138000>\n',
    );
    expect(rows).toHaveLength(1);
    expect(cdrToCall(rec(rows[0].fields, header), opts)).toMatchObject({
      callId: 'ast-1.5',
      teamId: 't-9',
      answeredAt: null,
      disposition: 'busy',
      customer: { phone: '13800138000', name: 'Li' },
    });
  });
});
