import { SUM_COLUMNS } from './component-columns';
import { bucketsOfMinutes, Contribution, contributionChanges, Delta } from './contribution-delta';

const MINUTE = new Date('2026-11-23T01:07:00Z');
const LATE = new Date('2026-11-20T03:00:00Z');

function contribution(over: Partial<Contribution> & Record<string, unknown>): Contribution {
  const c: Contribution = {
    kind: 'score',
    tenant_id: 't',
    unit_id: 'c-1',
    minute: MINUTE,
    team_id: 'team-1',
    agent_id: 'a-1',
    hours: null,
  };
  for (const col of SUM_COLUMNS) c[col] = '0';
  return { ...c, ...over } as Contribution;
}

/** The sum of the deltas per minute, team and agent: what folding them adds to the buckets. */
function folded(deltas: Delta[]): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const d of deltas) {
    const k = `${new Date(d.minute).toISOString()}|${d.team_id}|${d.agent_id}`;
    const sums = out.get(k) ?? {};
    for (const col of SUM_COLUMNS) sums[col] = (sums[col] ?? 0) + d.sign * Number(d[col]);
    out.set(k, sums);
  }
  for (const [k, sums] of out)
    if (Object.values(sums).every((v) => v === 0)) out.delete(k);
    else for (const col of SUM_COLUMNS) if (sums[col] === 0) delete sums[col];
  return out;
}

describe('contributionChanges', () => {
  it('adds a new unit whole', () => {
    const fresh = contribution({ evaluated: '1', score_sum: '80.5', grade_excellent: '1' });
    const { put, drop, deltas } = contributionChanges([], [fresh]);
    expect(put).toEqual([fresh]);
    expect(drop).toEqual([]);
    expect(folded(deltas)).toEqual(
      new Map([
        [
          `${MINUTE.toISOString()}|team-1|a-1`,
          { evaluated: 1, score_sum: 80.5, grade_excellent: 1 },
        ],
      ]),
    );
    expect(deltas.every((d) => !d.median)).toBe(true);
  });

  it('changes nothing for a duplicate or a replay (numerics compared by value, not by text)', () => {
    const stored = contribution({ calls: '1', handle_seconds_sum: '65.000000' });
    const fresh = contribution({ calls: '1', handle_seconds_sum: '65' });
    expect(contributionChanges([stored], [fresh])).toEqual({ put: [], drop: [], deltas: [] });
  });

  it('replaces an automatic score with the reviewed one: the old taken out, the new put in', () => {
    const automatic = contribution({ evaluated: '1', score_sum: '55', grade_fail: '1' });
    const reviewed = contribution({ evaluated: '1', score_sum: '92.5', grade_best: '1' });
    const { put, drop, deltas } = contributionChanges([automatic], [reviewed]);
    expect(put).toEqual([reviewed]);
    expect(drop).toEqual([]);
    expect(deltas.map((d) => d.sign)).toEqual([-1, 1]);
    // Evaluated stays one: the review replaces the score, it does not add a second.
    expect(folded(deltas).get(`${MINUTE.toISOString()}|team-1|a-1`)).toEqual({
      score_sum: 37.5,
      grade_fail: -1,
      grade_best: 1,
    });
  });

  it('moves a unit whose event time changed: out of the old minute, into its own late one', () => {
    const before = contribution({ kind: 'call', calls: '1' });
    const after = contribution({ kind: 'call', calls: '1', minute: LATE });
    const { put, drop, deltas } = contributionChanges([before], [after]);
    expect(put).toEqual([after]);
    expect(drop).toEqual([before]);
    expect(folded(deltas)).toEqual(
      new Map([
        [`${MINUTE.toISOString()}|team-1|a-1`, { calls: -1 }],
        [`${LATE.toISOString()}|team-1|a-1`, { calls: 1 }],
      ]),
    );
  });

  it('takes back all of a unit whose facts no longer count (a call found to be training)', () => {
    const stored = contribution({ kind: 'call', calls: '1', answered: '1' });
    const { put, drop, deltas } = contributionChanges([stored], []);
    expect(put).toEqual([]);
    expect(drop).toEqual([stored]);
    expect(folded(deltas).get(`${MINUTE.toISOString()}|team-1|a-1`)).toEqual({
      calls: -1,
      answered: -1,
    });
  });

  it('asks for the median when a closed ticket comes, goes or changes its hours, not otherwise', () => {
    const open = contribution({ kind: 'ticket', complaints_opened: '1' });
    const closed = (hours: number) =>
      contribution({ kind: 'ticket', complaints_opened: '1', complaints_closed: '1', hours });
    expect(contributionChanges([open], [closed(3)]).deltas.every((d) => d.median)).toBe(true);
    expect(contributionChanges([closed(3)], [closed(4.5)]).deltas.every((d) => d.median)).toBe(
      true,
    );
    expect(contributionChanges([closed(3)], []).deltas.every((d) => d.median)).toBe(true);
    const breached = contribution({ kind: 'ticket', complaints_opened: '1', sla_breaches: '1' });
    expect(contributionChanges([open], [breached]).deltas.some((d) => d.median)).toBe(false);
    expect(contributionChanges([closed(3)], [closed(3)]).deltas).toEqual([]);
  });

  it('keeps units apart: one unit changing leaves another in the same minute alone', () => {
    const call = contribution({ kind: 'call', calls: '1' });
    const score = contribution({ evaluated: '1', score_sum: '70' });
    const rescored = contribution({ evaluated: '1', score_sum: '75' });
    const { put, drop, deltas } = contributionChanges([call, score], [call, rescored]);
    expect(put).toEqual([rescored]);
    expect(drop).toEqual([]);
    expect(folded(deltas).get(`${MINUTE.toISOString()}|team-1|a-1`)).toEqual({ score_sum: 5 });
  });

  it('folds to the difference between what the units made and what they make, in any order', () => {
    // Units of three kinds across minutes, teams and agents; then a new state of each.
    const stored = [
      contribution({ kind: 'call', unit_id: 'c-1', calls: '1', answered: '1' }),
      contribution({ kind: 'call', unit_id: 'c-2', calls: '1', agent_id: 'a-2' }),
      contribution({ unit_id: 'c-1', evaluated: '1', score_sum: '61' }),
      contribution({ kind: 'ticket', unit_id: 'k-1', complaints_opened: '1', minute: LATE }),
    ];
    const fresh = [
      contribution({ kind: 'call', unit_id: 'c-1', calls: '1', answered: '1', fcr_repeated: '1' }),
      contribution({ kind: 'call', unit_id: 'c-3', calls: '1', team_id: 'team-2' }),
      contribution({ unit_id: 'c-1', evaluated: '1', score_sum: '61' }),
      contribution({ kind: 'ticket', unit_id: 'k-1', complaints_opened: '1', minute: LATE }),
      contribution({ kind: 'ticket', unit_id: 'k-1', complaints_closed: '1', hours: 2 }),
    ];
    const expected = folded(contributionChanges(stored, fresh).deltas);
    expect(folded(contributionChanges([...stored].reverse(), [...fresh].reverse()).deltas)).toEqual(
      expected,
    );
    expect(expected).toEqual(
      new Map([
        [`${MINUTE.toISOString()}|team-1|a-1`, { fcr_repeated: 1, complaints_closed: 1 }],
        [`${MINUTE.toISOString()}|team-1|a-2`, { calls: -1 }],
        [`${MINUTE.toISOString()}|team-2|a-1`, { calls: 1 }],
      ]),
    );
  });
});

describe('bucketsOfMinutes', () => {
  it('puts a minute in its own minute and the tenant-local hour, day and month', () => {
    const minute = new Date('2026-11-30T16:05:00Z'); // 00:05 on 1 December in Shanghai
    expect(
      bucketsOfMinutes([{ tenant_id: 't', minute }], new Map([['t', 'Asia/Shanghai']])).map((t) => [
        t.window,
        t.bucket_start.toISOString(),
      ]),
    ).toEqual([
      ['minute', '2026-11-30T16:05:00.000Z'],
      ['hour', '2026-11-30T16:00:00.000Z'],
      ['day', '2026-11-30T16:00:00.000Z'],
      ['month', '2026-11-30T16:00:00.000Z'],
    ]);
  });

  it('follows each tenant’s zone, half-hour offsets included; an unknown tenant gets the default', () => {
    const minute = new Date('2026-11-23T04:10:00Z'); // 09:40 in Kolkata, 12:10 in Shanghai
    const targets = bucketsOfMinutes(
      [
        { tenant_id: 'in', minute },
        { tenant_id: 'cn', minute },
      ],
      new Map([['in', 'Asia/Kolkata']]),
    );
    const start = (tenant: string, window: string) =>
      targets
        .find((t) => t.tenant_id === tenant && t.window === window)
        ?.bucket_start.toISOString();
    expect(start('in', 'hour')).toBe('2026-11-23T03:30:00.000Z');
    expect(start('in', 'day')).toBe('2026-11-22T18:30:00.000Z');
    expect(start('cn', 'hour')).toBe('2026-11-23T04:00:00.000Z');
    expect(start('cn', 'day')).toBe('2026-11-22T16:00:00.000Z');
  });
});
