import { luhnValid, maskPhone, maskPii } from './pii-masker';

describe(maskPii.name, () => {
  it('masks mobile numbers, ID-card numbers and Luhn-valid bank cards in text', () => {
    expect(maskPii('我的手机是13800138000,谢谢')).toBe('我的手机是138****8000,谢谢');
    expect(maskPii('身份证110101199003071234')).toBe('身份证110101********1234');
    expect(maskPii('身份证11010119900307123X')).toBe('身份证110101********123X');
    expect(maskPii('卡号 6011000990139424 已绑定')).toBe('卡号 ************9424 已绑定');
    expect(maskPii('卡号4111111111111111可以吗')).toBe('卡号************1111可以吗');
  });

  it('leaves order numbers and short codes alone', () => {
    expect(maskPii('订单号4111111111111112')).toBe('订单号4111111111111112');
    expect(maskPii('工号1001,验证码123456')).toBe('工号1001,验证码123456');
    expect(maskPii('12800138000')).toBe('12800138000');
  });
});

describe(maskPhone.name, () => {
  it('keeps the first three and last four digits', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('+86 138-0013-8000')).toBe('861****8000');
    expect(maskPhone('123')).toBe('****');
  });
});

describe(luhnValid.name, () => {
  it('checks the Luhn sum', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
});
