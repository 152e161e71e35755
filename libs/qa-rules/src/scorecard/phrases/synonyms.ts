import type { PhraseLists } from '../../types/scorecard.types';

/** Synonym sets the default phrase patterns name as <set>: words a speaker swaps freely. */
export const DEFAULT_SYNONYMS: PhraseLists = {
  您: ['您', '你'],
  其他: [
    '其他',
    '其它',
    '别的',
    '什么',
    '啥',
    '什么别的',
    '啥别的',
    '什么其他',
    '没有别的',
    '没有其他',
  ],
  问句: ['吗', '嘛', '呢', '的不', '没有'],
  称呼: [
    '先生',
    '女士',
    '小姐',
    '阿姨',
    '叔叔',
    '大爷',
    '大妈',
    '大姐',
    '师傅',
    '老师',
    '经理',
    '本人',
  ],
  最近: [
    '前天',
    '前几天',
    '昨天',
    '上周',
    '上个',
    '上礼拜',
    '上星期',
    '前段时间',
    '前些天',
    '上回',
  ],
  /** How an agent names their own side: 我们这边不了解, 不是小妹开的. */
  我方: ['我', '我们', '这边', '咱们', '小妹', '妹子'],
  /** The company, not the agent in person: "not ours" said of it may come with a way on. */
  我司: ['我们', '这边', '咱们', '我司', '本店'],
  /** Professing ignorance, besides 不知道/不清楚, which the forbidden list has on their own. */
  不了解: ['不了解', '不太了解'],
  /** What the agent's side would have done: 不是我们开的/发的/卖的. */
  经手: ['开', '发', '卖', '售', '负责', '管', '处理', '做', '发货', '受理'],
};
