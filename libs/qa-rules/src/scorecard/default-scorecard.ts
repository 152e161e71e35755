import type { PhraseLists, ScorecardDefinition, ScorecardItem } from '../types/scorecard.types';
import {
  EMPATHY_PHRASES,
  FORBIDDEN_PHRASES,
  REFUSAL_PHRASES,
} from './phrases/communication-phrases';
import { COMPLAINT_PHRASES } from './phrases/complaint-phrases';
import {
  FAREWELL_PHRASES,
  GREETING_PHRASES,
  HOLD_PHRASES,
  LATE_APOLOGY_PHRASES,
} from './phrases/etiquette-phrases';
import {
  CALLBACK_PHRASES,
  PROMISE_PHRASES,
  RESOLUTION_PHRASES,
} from './phrases/resolution-phrases';
import { DEFAULT_SYNONYMS } from './phrases/synonyms';

const auto = (
  id: string,
  sectionId: string,
  ruleId: string,
  name: string,
  points: number,
  phrases?: PhraseLists,
): ScorecardItem => ({
  id,
  sectionId,
  kind: 'auto',
  ruleId,
  name,
  points,
  ...(phrases ? { phrases: structuredClone(phrases) } : {}),
});

/**
 * DESIGN.md's default scorecard: the four seed sections (礼仪/沟通/问题解决/效率), every default
 * rule with its phrase lists, one manual item, and the grade bands of seed 002. A fresh copy each
 * call, so callers may edit it.
 */
export function defaultScorecard(): ScorecardDefinition {
  return {
    id: 'default',
    version: 1,
    name: '默认质检评分表',
    sections: [
      { id: 'etiquette', name: '礼仪', weight: 30 },
      { id: 'communication', name: '沟通', weight: 30 },
      { id: 'resolution', name: '问题解决', weight: 25 },
      { id: 'efficiency', name: '效率', weight: 15 },
    ],
    items: [
      auto('greeting', 'etiquette', 'greeting.opening', '开场问候、自报家门', 10, GREETING_PHRASES),
      auto(
        'late-apology',
        'etiquette',
        'answer.late-apology',
        '超时接听致歉',
        5,
        LATE_APOLOGY_PHRASES,
      ),
      auto('farewell', 'etiquette', 'closing.farewell', '结束语', 5, FAREWELL_PHRASES),
      auto('hangup-order', 'etiquette', 'closing.customer-hangs-up-first', '客户先挂机', 5),
      auto('hold', 'etiquette', 'hold.announced', '静音等待规范', 5, HOLD_PHRASES),
      auto('forbidden', 'communication', 'forbidden.phrases', '服务禁语', 15, {
        ...FORBIDDEN_PHRASES,
        ...REFUSAL_PHRASES,
      }),
      auto('interruption', 'communication', 'interruption', '不抢话、不打断', 5),
      auto(
        'empathy',
        'communication',
        'empathy.on-dissatisfaction',
        '安抚致歉',
        10,
        EMPATHY_PHRASES,
      ),
      auto(
        'confirmed',
        'resolution',
        'resolution.confirmed',
        '确认问题已解决',
        10,
        RESOLUTION_PHRASES,
      ),
      auto(
        'promise-time',
        'resolution',
        'resolution.promise-has-time',
        '承诺准确回复时间',
        10,
        PROMISE_PHRASES,
      ),
      auto('callback-script', 'resolution', 'callback.script', '回访规范', 10, CALLBACK_PHRASES),
      {
        id: 'solved-correctly',
        sectionId: 'resolution',
        kind: 'manual',
        name: '正确解答',
        question: '问题是否得到正确、完整的解答?',
        points: 10,
      },
      auto('three-rings', 'efficiency', 'answer.within-three-rings', '三声内接听', 10),
    ],
    gradeBands: [
      { min: 90, grade: '最佳' },
      { min: 80, grade: '优秀' },
      { min: 70, grade: '良好' },
      { min: 60, grade: '及格' },
      { min: 0, grade: '不及格' },
    ],
    phraseLists: structuredClone(COMPLAINT_PHRASES),
    synonyms: structuredClone(DEFAULT_SYNONYMS),
  };
}
