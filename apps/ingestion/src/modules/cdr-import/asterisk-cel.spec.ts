import { readCelHangups } from './asterisk-cel';
import { readCdrFile } from './cdr-file';

/*
 * Hand-written CEL lines in cel_custom.conf.sample's Master.csv mapping (20 columns: eventtype,
 * eventtime, cid name/num/ani/rdnis/dnid, exten, context, channame, appname, appdata, amaflags,
 * accountcode, uniqueid, linkedid, peer, userfield, userdeftype, eventextra). An inbound call:
 * the customer on the trunk channel (uniqueid 1764464400.1) reaches agent 1001 (1764464400.2),
 * both linked by 1764464400.1.
 */
const TRUNK = 'PJSIP/trunk-00000001';
const AGENT = 'PJSIP/1001-00000002';
const cel = (type: string, channame: string, uniqueid: string, extra: string) =>
  [
    type,
    '2026-11-30 09:03:00.123',
    '张三',
    '13800138000',
    '13800138000',
    '',
    '4008001234',
    channame === TRUNK ? '4008001234' : '1001',
    channame === TRUNK ? 'from-trunk' : 'agents',
    channame,
    '',
    '',
    '3',
    'acd01',
    uniqueid,
    '1764464400.1',
    '',
    '',
    '',
    extra,
  ]
    .map((v) => `"${v.replace(/"/g, '""')}"`)
    .join(',');
const hangups = (source: string) =>
  [
    cel('ANSWER', AGENT, '1764464400.2', ''),
    cel(
      'HANGUP',
      source === AGENT ? AGENT : TRUNK,
      source === AGENT ? '1764464400.2' : '1764464400.1',
      `{"hangupcause":16,"hangupsource":"${source}","dialstatus":"ANSWER"}`,
    ),
    cel(
      'HANGUP',
      source === AGENT ? TRUNK : AGENT,
      source === AGENT ? '1764464400.1' : '1764464400.2',
      `{"hangupcause":16,"hangupsource":"${source}","dialstatus":""}`,
    ),
    cel('CHAN_END', TRUNK, '1764464400.1', ''),
  ].join('\n');

/** The CDR of that call: 16 columns, then uniqueid and userfield, or the newcdrcolumns. */
const cdr = (tail: string[]) =>
  [
    'acd01',
    '13800138000',
    '4008001234',
    'from-trunk',
    '"张三" <13800138000>',
    TRUNK,
    AGENT,
    'Dial',
    'PJSIP/1001,30',
    '2026-11-30 09:00:00',
    '2026-11-30 09:00:05',
    '2026-11-30 09:03:00',
    '180',
    '175',
    'ANSWERED',
    'DOCUMENTATION',
    ...tail,
  ]
    .map((v) => `"${v.replace(/"/g, '""')}"`)
    .join(',');
const withUniqueid = (userfield = '') => cdr(['1764464400.1', userfield]);
const withLinkedid = cdr(['', '1764464400.1', '3']);

const hangupBy = (cdrLine: string, celText?: string) => {
  const [item] = readCdrFile('asterisk', cdrLine, {
    tenantId: 'acme',
    zone: '+08:00',
    cel: celText === undefined ? undefined : readCelHangups(celText),
  });
  if ('problem' in item) throw new Error(item.problem);
  return item.call.hangupBy;
};

describe(readCelHangups.name, () => {
  it('keeps the HANGUP events of the sample mapping, by uniqueid and linkedid, with source and cause', () => {
    const read = readCelHangups(hangups(TRUNK));
    expect(read.problems).toEqual([]);
    expect(read.byUniqueid.get('1764464400.2')).toEqual([
      {
        uniqueid: '1764464400.2',
        linkedid: '1764464400.1',
        channame: AGENT,
        source: TRUNK,
        cause: 16,
      },
    ]);
    expect(read.byLinkedid.get('1764464400.1')).toHaveLength(2);
  });

  it('reads a header row in any order, and JSON events one per line or as an array', () => {
    const header = 'linkedid,eventtype,uniqueid,channame,extra';
    const csv = `${header}\n1764464400.1,HANGUP,1764464400.2,${AGENT},"{""hangupsource"":""${AGENT}""}"`;
    const event = {
      eventtype: 'HANGUP',
      eventtime: '2026-11-30 09:03:00',
      cid_num: '13800138000',
      exten: '1001',
      channame: AGENT,
      uniqueid: '1764464400.2',
      linkedid: '1764464400.1',
      extra: { hangupcause: 16, hangupsource: AGENT },
    };
    for (const text of [
      csv,
      JSON.stringify(event),
      JSON.stringify([event]),
      `${JSON.stringify(event)}\n`,
    ]) {
      expect(hangupBy(withUniqueid(), text)).toBe('agent');
    }
  });

  it('names the lines it cannot read', () => {
    const read = readCelHangups(
      [cel('HANGUP', TRUNK, '1764464400.1', '{not json'), '"HANGUP","2026-11-30"'].join('\n'),
    );
    expect(read.problems).toEqual([
      { line: 1, problem: 'HANGUP event 1764464400.1: extra is not JSON' },
      {
        line: 2,
        problem:
          "expected the 19 or 20 columns of cel_custom's sample mapping, or a header row; got 2",
      },
    ]);
  });
});

describe('hangupBy from CEL HANGUP events', () => {
  it('is the customer when the trunk channel hung up, the agent when the agent channel did', () => {
    expect(hangupBy(withUniqueid(), hangups(TRUNK))).toBe('customer');
    expect(hangupBy(withUniqueid(), hangups(AGENT))).toBe('agent');
  });

  it('joins by linkedid when the CDR has no uniqueid (newcdrcolumns)', () => {
    expect(hangupBy(withLinkedid, hangups(AGENT))).toBe('agent');
  });

  it('matches another channel of the same device when the exact name differs', () => {
    expect(hangupBy(withUniqueid(), hangups('PJSIP/1001-0000000f'))).toBe('agent');
  });

  it('stays unknown when Asterisk named no side, another channel, or nothing joins', () => {
    expect(hangupBy(withUniqueid(), hangups(''))).toBe('unknown');
    expect(hangupBy(withUniqueid(), hangups('Local/9000@queue-00000007;2'))).toBe('unknown');
    expect(hangupBy(cdr(['1764469999.9', '']), hangups(AGENT))).toBe('unknown');
    expect(hangupBy(withUniqueid())).toBe('unknown');
  });

  it('leaves the tenant userfield mapping first', () => {
    expect(hangupBy(withUniqueid('hangupBy=system'), hangups(AGENT))).toBe('system');
  });
});
