import { buildCall, CLOSING, OPENING, roles, verdict } from '../../test/support/call-builder';
import { customerHangsUpFirstRule, farewellRule } from './closing-rules';

describe(farewellRule.id, () => {
  const rule = farewellRule.id;
  const closing = (...last: string[]) =>
    buildCall([['a', OPENING], ['c', '好的谢谢'], ...last.map((t): ['a', string] => ['a', t])]);

  it('passes thanks and goodbye in the last two agent turns', () => {
    expect(verdict(rule, closing(CLOSING))).toEqual({
      outcome: 'pass',
      evidence: ['感谢', '祝您'],
    });
    expect(verdict(rule, closing('感谢您的来电', '再见')).outcome).toBe('pass');
  });

  it('fails a goodbye without thanks, or thanks without a goodbye', () => {
    expect(verdict(rule, closing('好的,再见')).outcome).toBe('fail');
    expect(verdict(rule, closing('谢谢您')).outcome).toBe('fail');
  });

  it('only reads the closing turns', () => {
    expect(verdict(rule, closing('谢谢,再见', '那我先挂了', '嗯')).outcome).toBe('fail');
  });
});

describe(customerHangsUpFirstRule.id, () => {
  const rule = customerHangsUpFirstRule.id;
  const call = (hangupBy: 'customer' | 'agent' | 'system') =>
    buildCall(
      [
        ['a', OPENING],
        ['a', CLOSING],
      ],
      { hangupBy },
    );

  it('passes when the customer hangs up, fails when the agent does, n/a for the system', () => {
    expect(verdict(rule, call('customer')).outcome).toBe('pass');
    expect(verdict(rule, call('agent')).outcome).toBe('fail');
    expect(verdict(rule, call('system')).outcome).toBe('not_applicable');
  });

  it('says who hung up in the evidence, whatever the outcome', () => {
    expect(roles(rule, call('customer'))).toEqual(['match:hangupBy=customer']);
    expect(roles(rule, call('agent'))).toEqual(['match:hangupBy=agent']);
    expect(roles(rule, call('system'))).toEqual(['match:hangupBy=system']);
  });
});
