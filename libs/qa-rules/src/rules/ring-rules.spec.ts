import {
  buildCall,
  CLOSING,
  findingFor,
  OPENING,
  roles,
  verdict,
} from '../../test/support/call-builder';
import { lateApologyRule, withinThreeRingsRule } from './ring-rules';

const at = (seconds: number) =>
  new Date(Date.parse('2026-11-22T01:00:00Z') + seconds * 1000).toISOString();
const answeredAfter = (seconds: number, opening = OPENING, over = {}) =>
  buildCall(
    [
      ['a', opening],
      ['c', '我想查一下话费'],
      ['a', CLOSING],
    ],
    {
      startedAt: at(0),
      answeredAt: at(seconds),
      ...over,
    },
  );

describe(withinThreeRingsRule.id, () => {
  const rule = withinThreeRingsRule.id;

  it('passes within three rings of 3 s and fails after', () => {
    expect(verdict(rule, answeredAfter(9)).outcome).toBe('pass');
    expect(verdict(rule, answeredAfter(9.5)).outcome).toBe('fail');
  });

  it('prefers a given ring count, but treats 0 (protobuf for absent) as unknown', () => {
    expect(verdict(rule, answeredAfter(30, OPENING, { ringCount: 2 })).outcome).toBe('pass');
    expect(verdict(rule, answeredAfter(3, OPENING, { ringCount: 5 })).outcome).toBe('fail');
    expect(verdict(rule, answeredAfter(15, OPENING, { ringCount: 0 })).outcome).toBe('fail');
  });

  it('uses the tenant seconds per ring', () => {
    expect(verdict(rule, answeredAfter(15), { companyName: '', secondsPerRing: 5 }).outcome).toBe(
      'pass',
    );
  });

  it('is not applicable when the ring time cannot be known', () => {
    expect(verdict(rule, answeredAfter(5, OPENING, { startedAt: 'garbage' })).outcome).toBe(
      'not_applicable',
    );
    expect(verdict(rule, answeredAfter(-20)).outcome).toBe('not_applicable');
  });

  it('is not applicable to outbound calls: the customer is the one answering', () => {
    expect(verdict(rule, answeredAfter(30, OPENING, { direction: 'outbound' })).outcome).toBe(
      'not_applicable',
    );
    expect(
      verdict(lateApologyRule.id, answeredAfter(30, OPENING, { direction: 'outbound' })).outcome,
    ).toBe('not_applicable');
  });

  it('fails an abandoned call left ringing past three rings, not one the caller dropped early', () => {
    const abandoned = (endSeconds: number) =>
      buildCall([], {
        startedAt: at(0),
        answeredAt: null,
        endedAt: at(endSeconds),
        hangupBy: 'customer',
      });
    expect(verdict(rule, abandoned(30)).outcome).toBe('fail');
    expect(verdict(rule, abandoned(4)).outcome).toBe('not_applicable');
  });
});

describe(lateApologyRule.id, () => {
  const rule = lateApologyRule.id;

  it('is not applicable when answered within three rings', () => {
    expect(verdict(rule, answeredAfter(6)).outcome).toBe('not_applicable');
  });

  it('passes a late answer that opens with an apology for the wait', () => {
    expect(verdict(rule, answeredAfter(14, `${OPENING},让您久等了`))).toEqual({
      outcome: 'pass',
      evidence: ['久等了'],
    });
  });

  it('accepts the apology in an agent turn right after the greeting, before the customer speaks', () => {
    const call = buildCall(
      [
        ['a', OPENING],
        ['a', '抱歉让您等了这么久'],
        ['c', '没事'],
        ['a', CLOSING],
      ],
      {
        startedAt: at(0),
        answeredAt: at(20),
      },
    );
    expect(verdict(rule, call).outcome).toBe('pass');
  });

  it('fails a late answer without one, citing the opening', () => {
    expect(verdict(rule, answeredAfter(14))).toEqual({ outcome: 'fail', evidence: [OPENING] });
  });

  it('does not count an apology that only comes later in the call', () => {
    const call = buildCall(
      [
        ['a', OPENING],
        ['c', '我等了好久'],
        ['a', '让您久等了'],
        ['a', CLOSING],
      ],
      {
        startedAt: at(0),
        answeredAt: at(14),
      },
    );
    expect(verdict(rule, call).outcome).toBe('fail');
  });
});

describe('ring evidence', () => {
  it('puts the rings and the seconds to the answer into the evidence', () => {
    expect(roles(withinThreeRingsRule.id, answeredAfter(14))).toEqual([
      'match:ringCount=5',
      'match:answerSeconds=14',
    ]);
    const f = findingFor(withinThreeRingsRule.id, answeredAfter(14));
    expect(f.evidence[0]).toMatchObject({ segment: -1, measure: { limit: 3 }, text: '5 ring(s)' });
  });

  it('gives the late answer as the trigger of the apology rule and the silent opening as missing', () => {
    expect(roles(lateApologyRule.id, answeredAfter(14, `${OPENING},让您久等了`))).toEqual([
      'trigger:ringCount=5',
      'trigger:answerSeconds=14',
      'match:久等了',
    ]);
    expect(roles(lateApologyRule.id, answeredAfter(14))).toEqual([
      'trigger:ringCount=5',
      'trigger:answerSeconds=14',
      `missing:${OPENING}`,
    ]);
  });
});
