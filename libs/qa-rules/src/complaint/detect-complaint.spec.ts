import { buildCall, evaluateDefault, OPENING } from '../../test/support/call-builder';
import { detectComplaint } from './detect-complaint';

const complaintOf = (customer: string, over = {}) =>
  evaluateDefault(
    buildCall(
      [
        ['a', OPENING],
        ['c', customer],
      ],
      over,
    ),
  ).complaint;

describe(detectComplaint.name, () => {
  it('detects complaint words in customer speech, with evidence', () => {
    expect(complaintOf('再不处理我就打12315投诉')).toEqual({
      detected: true,
      reason: 'keyword',
      evidence: [
        { role: 'trigger', segment: 1, start: 7, end: 12, text: '12315' },
        { role: 'trigger', segment: 1, start: 12, end: 14, text: '投诉' },
      ],
    });
    expect(complaintOf('我要去消协反映').detected).toBe(true);
  });

  it('ignores negations, multimedia and numbers that only contain 315', () => {
    expect(complaintOf('我不是投诉,就是问问').detected).toBe(false);
    expect(complaintOf('多媒体套餐怎么收费').detected).toBe(false);
    expect(complaintOf('我的订单号是2315678').detected).toBe(false);
    expect(complaintOf('我要向315晚会反映').detected).toBe(true);
  });

  it('ignores the agent saying the words', () => {
    const call = buildCall([['a', '如需投诉,请拨打我们的服务热线']]);
    expect(evaluateDefault(call).complaint.detected).toBe(false);
  });

  it('flags a call whose purpose is complaint even without the words', () => {
    expect(complaintOf('网速太慢', { purpose: 'complaint' })).toEqual({
      detected: true,
      reason: 'purpose',
      evidence: [],
    });
  });
});
