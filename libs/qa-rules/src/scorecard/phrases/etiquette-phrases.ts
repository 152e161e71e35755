import type { PhraseLists } from '../../types/scorecard.types';

/** 礼仪: greet and name the company, 让您久等了 after a slow answer, thanks and goodbye, 请稍等. */
export const GREETING_PHRASES: PhraseLists = {
  greeting: ['您好', '你好', '早上好', '上午好', '中午好', '下午好', '晚上好'],
  selfIdentify: ['很高兴为您服务', '很高兴为你服务', '为您服务', '工号', '客服', '服务热线'],
};

export const LATE_APOLOGY_PHRASES: PhraseLists = {
  lateApology: [
    '久等了',
    '抱歉久等',
    '抱歉让您等',
    '不好意思让您等',
    '让您等候多时',
    '让您等了这么久',
    '接听晚了',
    '接晚了',
  ],
};

export const FAREWELL_PHRASES: PhraseLists = {
  farewellThanks: ['谢谢', '感谢', '多谢'],
  farewellBye: [
    '再见',
    '祝您',
    '欢迎再次来电',
    '欢迎您再次来电',
    '欢迎下次来电',
    '拜拜',
    '生活愉快',
  ],
};

export const HOLD_PHRASES: PhraseLists = {
  holdRequest: [
    '稍等',
    '稍候',
    '请等一下',
    '您等一下',
    '请您等一下',
    '麻烦您等一下',
    '不要挂机',
    '别挂机',
    '请别挂断',
    '不要挂断',
  ],
  holdThanks: [
    '感谢您的耐心等待',
    '感谢您的等待',
    '谢谢您的等待',
    '谢谢您的耐心',
    '感谢您的耐心',
    '耐心等待',
    '耐心等候',
    '久等了',
    '让您等了',
    '让您久等',
    '谢谢等待',
    '感谢等待',
  ],
  // The customer's own pause (我找一下卡号) is not the agent's hold.
  customerHold: [
    '我找一下',
    '我找找',
    '我看一下',
    '我查一下',
    '我翻一下',
    '我去拿',
    '我拿一下',
    '你等一下',
    '您等一下',
    '你稍等',
    '您稍等',
    '等我一下',
  ],
};
