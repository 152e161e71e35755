import { readCallbackCall } from './callback-call';

const CUSTOMER = 2;
const call = (texts: [number, string][], over: { answeredAt?: string; csat?: number } = {}) => ({
  answeredAt: '2026-11-30T02:00:05Z',
  csat: 0,
  segments: texts.map(([speaker, text]) => ({ speaker, text })),
  ...over,
});

describe(readCallbackCall.name, () => {
  it('reads the satisfaction the customer states', () => {
    const facts = readCallbackCall(
      call([
        [1, '请问您对处理结果满意吗'],
        [2, '非常满意,谢谢'],
      ]),
      CUSTOMER,
    );
    expect(facts).toEqual({ answered: true, satisfaction: 5, problemRemains: false });
  });

  it('does not take the agent asking about satisfaction for the answer', () => {
    expect(
      readCallbackCall(
        call([
          [1, '请问您满意吗'],
          [2, '嗯'],
        ]),
        CUSTOMER,
      ).satisfaction,
    ).toBeNull();
  });

  it('hears an unhappy customer and a problem that remains', () => {
    const facts = readCallbackCall(
      call([
        [1, '请问宽带现在正常了吗'],
        [2, '还是没修好,我很不满意'],
      ]),
      CUSTOMER,
    );
    expect(facts).toEqual({ answered: true, satisfaction: 1, problemRemains: true });
  });

  it('prefers the post-call survey and knows an unanswered call', () => {
    expect(readCallbackCall(call([[2, '满意']], { csat: 3 }), CUSTOMER).satisfaction).toBe(3);
    expect(readCallbackCall(call([], { answeredAt: '' }), CUSTOMER)).toEqual({
      answered: false,
      satisfaction: null,
      problemRemains: false,
    });
  });
});
