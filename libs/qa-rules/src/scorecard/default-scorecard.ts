import type { ScorecardDefinition } from '../types';
import { DEFAULT_PHRASES } from './default-phrases';

/** The default scorecard from DESIGN.md: four sections, every default rule, grades from seed 002. */
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
      {
        id: 'greeting',
        sectionId: 'etiquette',
        kind: 'auto',
        ruleId: 'greeting.opening',
        points: 10,
      },
      {
        id: 'late-apology',
        sectionId: 'etiquette',
        kind: 'auto',
        ruleId: 'answer.late-apology',
        points: 5,
      },
      {
        id: 'farewell',
        sectionId: 'etiquette',
        kind: 'auto',
        ruleId: 'closing.farewell',
        points: 5,
      },
      {
        id: 'hangup-order',
        sectionId: 'etiquette',
        kind: 'auto',
        ruleId: 'closing.customer-hangs-up-first',
        points: 5,
      },
      { id: 'hold', sectionId: 'etiquette', kind: 'auto', ruleId: 'hold.announced', points: 5 },
      {
        id: 'forbidden',
        sectionId: 'communication',
        kind: 'auto',
        ruleId: 'forbidden.phrases',
        points: 15,
      },
      {
        id: 'interruption',
        sectionId: 'communication',
        kind: 'auto',
        ruleId: 'interruption',
        points: 5,
      },
      {
        id: 'empathy',
        sectionId: 'communication',
        kind: 'auto',
        ruleId: 'empathy.on-dissatisfaction',
        points: 10,
      },
      {
        id: 'confirmed',
        sectionId: 'resolution',
        kind: 'auto',
        ruleId: 'resolution.confirmed',
        points: 10,
      },
      {
        id: 'promise-time',
        sectionId: 'resolution',
        kind: 'auto',
        ruleId: 'resolution.promise-has-time',
        points: 10,
      },
      {
        id: 'callback-script',
        sectionId: 'resolution',
        kind: 'auto',
        ruleId: 'callback.script',
        points: 10,
      },
      {
        id: 'solved-correctly',
        sectionId: 'resolution',
        kind: 'manual',
        question: '问题是否得到正确解答?',
        points: 10,
      },
      {
        id: 'three-rings',
        sectionId: 'efficiency',
        kind: 'auto',
        ruleId: 'answer.within-three-rings',
        points: 10,
      },
    ],
    gradeBands: [
      { min: 90, grade: '最佳' },
      { min: 80, grade: '优秀' },
      { min: 70, grade: '良好' },
      { min: 60, grade: '及格' },
      { min: 0, grade: '不及格' },
    ],
    phraseLists: structuredClone(DEFAULT_PHRASES),
  };
}
