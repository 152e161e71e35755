import { FsRow, fsToCall, readFreeswitchCdr } from './freeswitch-cdr';

const opts = { tenantId: 'acme', zone: '+08:00' };

/** A line as mod_cdr_csv writes it with the default ("example") template. */
const csvLine = (over: Partial<Record<number, string>> = {}) =>
  [
    '张三',
    '13800138000',
    '1001',
    'public',
    '2026-11-22 09:00:00',
    '2026-11-22 09:00:07',
    '2026-11-22 09:04:10',
    '250',
    '243',
    'NORMAL_CLEARING',
    'a1b2c3d4-0000-4000-8000-000000000001',
    'b1b2c3d4-0000-4000-8000-000000000002',
    't-01',
    'PCMA',
    'PCMA',
  ]
    .map((v, i) => `"${over[i] ?? v}"`)
    .join(',');

const recordOf = (row: FsRow) => {
  if ('problem' in row) throw new Error(row.problem);
  return row.record;
};
const only = (text: string) => recordOf(readFreeswitchCdr(text)[0]);

describe(readFreeswitchCdr.name, () => {
  it('reads the default mod_cdr_csv template into an answered inbound call', () => {
    expect(fsToCall(only(csvLine()), opts)).toEqual({
      callId: 'fs-a1b2c3d4-0000-4000-8000-000000000001',
      tenantId: 'acme',
      direction: 'inbound',
      purpose: 'service',
      agentId: '1001',
      teamId: 't-01',
      customer: { phone: '13800138000', name: '张三' },
      startedAt: '2026-11-22T09:00:00+08:00',
      answeredAt: '2026-11-22T09:00:07+08:00',
      endedAt: '2026-11-22T09:04:10+08:00',
      hangupBy: 'unknown',
      disposition: 'answered',
      hangupCause: 'NORMAL_CLEARING',
      segments: [],
    });
  });

  it('maps the hangup cause of an unanswered call onto the disposition, keeping the cause', () => {
    for (const [cause, disposition] of [
      ['USER_BUSY', 'busy'],
      ['NO_ANSWER', 'no_answer'],
      ['ORIGINATOR_CANCEL', 'no_answer'],
      ['NORMAL_CIRCUIT_CONGESTION', 'congestion'],
      ['CALL_REJECTED', 'failed'],
    ]) {
      const call = fsToCall(only(csvLine({ 5: '', 8: '0', 9: cause })), opts);
      expect(call).toMatchObject({ answeredAt: null, disposition, hangupCause: cause });
    }
  });

  it('reads the 13-column template, a header row, and reports other shapes', () => {
    const short = csvLine().split(',').slice(0, 13).join(',');
    expect(only(short).accountcode).toBe('t-01');
    const headed = readFreeswitchCdr(
      'uuid,start_stamp,answer_stamp,end_stamp,hangup_cause,caller_id_number,destination_number\n' +
        'u-1,2026-11-22 09:00:00,,2026-11-22 09:00:20,USER_BUSY,13800138000,1001\n',
    );
    expect(headed).toHaveLength(1);
    expect(fsToCall(recordOf(headed[0]), opts)).toMatchObject({
      callId: 'fs-u-1',
      disposition: 'busy',
    });
    expect(readFreeswitchCdr('"a","b"')[0]).toEqual({
      line: 1,
      problem: expect.stringContaining('15 columns') as string,
    });
  });

  it('reads mod_json_cdr: URL-encoded variables, exact epochs, who hung up from the SIP disposition', () => {
    const doc = {
      'core-uuid': 'x',
      channel_data: { direction: 'inbound' },
      variables: {
        uuid: 'j-1',
        direction: 'inbound',
        context: 'public',
        caller_id_name: '%E6%9D%8E%E5%9B%9B',
        caller_id_number: '13900139000',
        destination_number: '8000',
        dialed_user: '1002',
        start_stamp: '2026-11-22%2009%3A00%3A00',
        start_epoch: '1795309200',
        answer_epoch: '1795309212',
        end_epoch: '1795309300',
        hangup_cause: 'NORMAL_CLEARING',
        sip_hangup_disposition: 'recv_bye',
        accountcode: 't-02',
      },
    };
    const one = readFreeswitchCdr(JSON.stringify(doc));
    const call = fsToCall(recordOf(one[0]), opts);
    expect(call).toMatchObject({
      callId: 'fs-j-1',
      agentId: '1002',
      teamId: 't-02',
      customer: { phone: '13900139000', name: '李四' },
      startedAt: '2026-11-22T09:00:00+08:00',
      answeredAt: '2026-11-22T09:00:12+08:00',
      endedAt: '2026-11-22T09:01:40+08:00',
      hangupBy: 'customer',
      disposition: 'answered',
    });
    const agentHungUp = {
      ...doc,
      variables: { ...doc.variables, sip_hangup_disposition: 'send_bye' },
    };
    const lines = [JSON.stringify(doc), 'nope', JSON.stringify(agentHungUp)].join('\n');
    const rows = readFreeswitchCdr(lines);
    expect(rows[1]).toEqual({ line: 2, problem: 'not JSON' });
    expect(fsToCall(recordOf(rows[2]), opts).hangupBy).toBe('agent');
    expect(readFreeswitchCdr(JSON.stringify([doc, { variables: {} }]))[1]).toEqual({
      line: 2,
      problem: 'uuid is empty',
    });
  });

  it('reads an outbound call from a registered phone: the agent dialled the customer', () => {
    const call = fsToCall(
      only(csvLine({ 0: 'Agent 1005', 1: '1005', 2: '13700137000', 3: 'default' })),
      opts,
    );
    expect(call).toMatchObject({
      direction: 'outbound',
      agentId: '1005',
      customer: { phone: '13700137000' },
    });
  });
});
