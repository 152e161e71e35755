import { findTimeExpression } from './time-expression';

const found = (text: string) => {
  const at = findTimeExpression(text);
  return at && text.slice(at[0], at[1]);
};

describe(findTimeExpression.name, () => {
  it.each([
    ['我们明天上午十点前给您回电', '明天上午十点前'],
    ['今天下班前会有人联系您', '今天下班前'],
    ['下礼拜一之前给您答复', '下礼拜一之前'],
    ['下周三给您消息', '下周三'],
    ['三个工作日内完成', '三个工作日内'],
    ['二十四小时内回复您', '二十四小时内'],
    ['24小时内回复您', '24小时内'],
    ['两小时后再打给您', '两小时后'],
    ['师傅3点半到', '3点半'],
    ['11月20号之前处理完', '11月20号之前'],
  ])('finds the time in %s', (text, time) => {
    expect(found(text)).toBe(time);
  });

  it.each([
    '我们会尽快处理',
    '过两天给您回电',
    '晚些时候再联系您',
    '等会儿打给您',
    '有结果会通知您',
  ])('finds no time in %s', (text) => {
    expect(found(text)).toBeNull();
  });
});
