import { statsCsv } from './stats-csv';

describe(statsCsv.name, () => {
  it('writes a header and one line a key, quoting and defusing formulas', () => {
    const csv = statsCsv([
      {
        key: '账单, 计费',
        opened: 3,
        resolved: 2,
        closed: 1,
        reopened: 1,
        repeat: 0,
        medianHoursToClose: 5.5,
        onTimeCallbackRate: 1,
      },
      {
        key: '=cmd()',
        opened: 1,
        resolved: 0,
        closed: 0,
        reopened: 0,
        repeat: 1,
        medianHoursToClose: null,
        onTimeCallbackRate: null,
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'key,opened,resolved,closed,reopened,repeat,medianHoursToClose,onTimeCallbackRate',
      '"账单, 计费",3,2,1,1,0,5.5,1',
      "'=cmd(),1,0,0,0,1,,",
      '',
    ]);
  });
});
