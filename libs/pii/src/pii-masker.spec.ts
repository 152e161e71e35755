import { luhnValid, maskPhone, maskPii, maskRange } from './pii-masker';

describe(maskPii.name, () => {
  it.each([
    ['我的手机是13800138000,谢谢', '我的手机是138****8000,谢谢'],
    ['号码 138 0013 8000 对', '号码 138 **** 8000 对'],
    ['号码138-0013-8000', '号码138-****-8000'],
    ['+86 13800138000', '+86 138****8000'],
    ['008613800138000', '0086138****8000'],
    ['手机１３８００１３８０００', '手机１３８****８０００'],
    ['幺三八零零幺三八零零零是我的', '幺三八****八零零零是我的'],
    ['身份证110101199003071234', '身份证110101********1234'],
    ['身份证11010119900307123X。', '身份证110101********123X。'],
    ['身份证 110101 19900307 123x', '身份证 110101 ******** 123x'],
    ['卡号 6011000990139424 已绑定', '卡号 ************9424 已绑定'],
    ['卡号4111 1111 1111 1111可以吗', '卡号**** **** **** 1111可以吗'],
    ['座机010-12345678', '座机010-****5678'],
    ['两个号码13800138000 13912345678', '两个号码138****8000 139****5678'],
    ['笑😀13800138000', '笑😀138****8000'],
  ])('masks %s', (input, expected) => {
    expect(maskPii(input)).toBe(expected);
  });

  it.each([
    '订单号4111111111111112',
    '工号1001,验证码123456',
    '12800138000',
    '您的套餐每月包含三十G流量和五百分钟通话',
    '预约在2026-11-22 09:00:00',
    '客服热线400-820-8820',
    '一二三四五六七八九十',
    '',
  ])('leaves %s alone', (input) => {
    expect(maskPii(input)).toBe(input);
  });

  it('keeps the stored original untouched (no mutation) and is idempotent', () => {
    const text = '手机13800138000';
    const once = maskPii(text);
    expect(text).toBe('手机13800138000');
    expect(maskPii(once)).toBe(once);
  });
});

describe(maskRange.name, () => {
  it('classifies the normalised digits', () => {
    expect(maskRange('13800138000')).toEqual([3, 7]);
    expect(maskRange('11010119900307123X')).toEqual([6, 14]);
    expect(maskRange('4111111111111111')).toEqual([0, 12]);
    expect(maskRange('4111111111111112')).toBeNull();
    expect(maskRange('1234')).toBeNull();
  });
});

describe(maskPhone.name, () => {
  it('masks the middle of a mobile and keeps the formatting', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('+86 138-0013-8000')).toBe('+86 138-****-8000');
  });

  it('hides all but the last four digits of other numbers, and short ones entirely', () => {
    expect(maskPhone('87654321')).toBe('****4321');
    expect(maskPhone('123')).toBe('****');
  });
});

describe(luhnValid.name, () => {
  it('checks the Luhn sum', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
});
