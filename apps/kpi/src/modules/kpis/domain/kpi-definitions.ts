/** Every figure the KPI service serves, as a team lead reads it (DESIGN.md "KPIs"). */
export const KPI_IDS = [
  'calls',
  'qaScoreAvg',
  'gradeMix',
  'threeRingRate',
  'forbiddenPer100Calls',
  'complaintsOpened',
  'complaintResolutionRate',
  'medianHoursToClose',
  'onTimeCallbackRate',
  'repeatComplaintRate',
  'fcrRate',
  'csatAvg',
  'callbackCsatAvg',
  'ahtSeconds',
  'slaBreaches',
  'abandonRate',
  'abandonedRingSecondsAvg',
] as const;
export type KpiId = (typeof KPI_IDS)[number];

export type KpiUnit = 'count' | 'points' | 'ratio' | 'per100' | 'hours' | 'seconds' | 'score1to5';

export interface KpiDefinition {
  id: KpiId;
  name: { zh: string; en: string };
  formula: { zh: string; en: string };
  unit: KpiUnit;
  better: 'up' | 'down';
  /** What the figure is counted by (its bucket), in words. */
  eventTime: { zh: string; en: string };
}

/** Seed 002's score bands (the same as the default scorecard's grades), best first. */
export const GRADE_BANDS = [
  { code: 'best', min: 90, zh: '最佳', en: 'Best' },
  { code: 'excellent', min: 80, zh: '优秀', en: 'Excellent' },
  { code: 'good', min: 70, zh: '良好', en: 'Good' },
  { code: 'pass', min: 60, zh: '及格', en: 'Pass' },
  { code: 'fail', min: -Infinity, zh: '不及格', en: 'Fail' },
] as const;
export type GradeCode = (typeof GRADE_BANDS)[number]['code'];
export const GRADE_CODES: readonly GradeCode[] = GRADE_BANDS.map((b) => b.code);

export function gradeOf(score: number): GradeCode {
  return GRADE_BANDS.find((b) => score >= b.min)!.code;
}

/** Seed 001: complaint resolution to 92% after training. */
export const DEFAULT_TARGETS: Partial<Record<KpiId, number>> = { complaintResolutionRate: 0.92 };

const CALL_TIME = { zh: '按通话开始时间', en: 'by the time the call started' };
const OPEN_TIME = { zh: '按投诉受理时间', en: 'by the time the complaint was opened' };

export const KPI_DEFINITIONS: readonly KpiDefinition[] = [
  {
    id: 'calls',
    name: { zh: '通话量', en: 'Calls' },
    formula: {
      zh: '时段内开始的通话数(不含模拟培训通话)',
      en: 'calls that started in the period (training calls excluded)',
    },
    unit: 'count',
    better: 'up',
    eventTime: CALL_TIME,
  },
  {
    id: 'qaScoreAvg',
    name: { zh: '质检平均分', en: 'Average QA score' },
    formula: {
      zh: '已质检通话最终得分的平均值;人工复核分替代系统分,启用的新版评分表重评替代旧版',
      en: 'mean final score of evaluated calls; a reviewed score replaces the automatic one, a re-score with a newly activated scorecard version replaces the older one',
    },
    unit: 'points',
    better: 'up',
    eventTime: CALL_TIME,
  },
  {
    id: 'gradeMix',
    name: { zh: '等级分布', en: 'Grade mix' },
    formula: {
      zh: '按最终得分落在各等级的通话数:90分以上最佳、80–89优秀、70–79良好、60–69及格、60以下不及格',
      en: 'evaluated calls per band of final score: 90+ best, 80–89 excellent, 70–79 good, 60–69 pass, below 60 fail',
    },
    unit: 'count',
    better: 'up',
    eventTime: CALL_TIME,
  },
  {
    id: 'threeRingRate',
    name: { zh: '三声内接听率', en: 'Answered within three rings' },
    formula: {
      zh: '"三声内接听"规则通过的接通电话 ÷ 该规则适用的接通电话',
      en: 'answered calls that passed "answered within three rings" ÷ answered calls the rule applied to',
    },
    unit: 'ratio',
    better: 'up',
    eventTime: CALL_TIME,
  },
  {
    id: 'forbiddenPer100Calls',
    name: { zh: '每百通服务禁语', en: 'Forbidden phrases per 100 calls' },
    formula: {
      zh: '服务禁语命中次数 × 100 ÷ 已质检通话数',
      en: 'forbidden-phrase hits × 100 ÷ evaluated calls',
    },
    unit: 'per100',
    better: 'down',
    eventTime: CALL_TIME,
  },
  {
    id: 'complaintsOpened',
    name: { zh: '投诉受理量', en: 'Complaints opened' },
    formula: { zh: '时段内受理的投诉工单数', en: 'complaint tickets opened in the period' },
    unit: 'count',
    better: 'down',
    eventTime: OPEN_TIME,
  },
  {
    id: 'complaintResolutionRate',
    name: { zh: '投诉解决率', en: 'Complaint resolution rate' },
    formula: {
      zh: '时段内受理、已解决或已结案且从未重开的投诉 ÷ 时段内受理的投诉(目标92%)',
      en: 'complaints opened in the period that are resolved or closed and were never reopened ÷ complaints opened in the period (target 92%)',
    },
    unit: 'ratio',
    better: 'up',
    eventTime: OPEN_TIME,
  },
  {
    id: 'medianHoursToClose',
    name: { zh: '结案时长中位数', en: 'Median hours to close' },
    formula: {
      zh: '时段内结案的投诉从受理到结案所用工作时长的中位数,按本租户投诉设置中的工作日历计(默认工作日 9:00–12:00、13:30–18:00,按法定节假日与调休)',
      en: "median business hours from opening to closing, for complaints closed in the period, by the tenant's business calendar in the complaints settings (default: working days 09:00–12:00 and 13:30–18:00, Chinese public holidays and make-up days observed)",
    },
    unit: 'hours',
    better: 'down',
    eventTime: { zh: '按结案时间', en: 'by the time the complaint was closed' },
  },
  {
    id: 'onTimeCallbackRate',
    name: { zh: '回访及时率', en: 'On-time callback rate' },
    formula: {
      zh: '到期时间在时段内、并在到期前完成的回访 ÷ 到期时间在时段内的回访',
      en: 'callbacks due in the period that were done by their due time ÷ callbacks due in the period',
    },
    unit: 'ratio',
    better: 'up',
    eventTime: { zh: '按回访到期时间', en: 'by the callback due time' },
  },
  {
    id: 'repeatComplaintRate',
    name: { zh: '重复投诉率', en: 'Repeat complaint rate' },
    formula: {
      zh: '同一客户30天内同类别再次投诉的工单 ÷ 时段内受理的投诉(目标下降35%)',
      en: 'complaints by the same customer in the same category within 30 days ÷ complaints opened in the period (target: down 35%)',
    },
    unit: 'ratio',
    better: 'down',
    eventTime: OPEN_TIME,
  },
  {
    id: 'fcrRate',
    name: { zh: '首次解决率', en: 'First-contact resolution' },
    formula: {
      zh: '7天内同一客户没有就同一问题再次来电(关联通话)的通话 ÷ 通话数',
      en: 'calls with no related call from the same customer on the same issue within 7 days ÷ calls',
    },
    unit: 'ratio',
    better: 'up',
    eventTime: CALL_TIME,
  },
  {
    id: 'csatAvg',
    name: { zh: '通话满意度', en: 'Post-call satisfaction' },
    formula: {
      zh: '通话后满意度调查(1–5分)的平均分,只计有评分的通话',
      en: 'mean post-call survey score (1–5), over calls that have one',
    },
    unit: 'score1to5',
    better: 'up',
    eventTime: CALL_TIME,
  },
  {
    id: 'callbackCsatAvg',
    name: { zh: '回访满意度', en: 'Callback satisfaction' },
    formula: {
      zh: '回访记录中客户满意度(1–5分)的平均分',
      en: 'mean satisfaction (1–5) given in follow-up callbacks',
    },
    unit: 'score1to5',
    better: 'up',
    eventTime: { zh: '按回访完成时间', en: 'by the time the callback was done' },
  },
  {
    id: 'ahtSeconds',
    name: { zh: '平均处理时长', en: 'Average handle time' },
    formula: {
      zh: '接通电话从接起到挂断的平均秒数',
      en: 'mean seconds from answer to hang-up of answered calls',
    },
    unit: 'seconds',
    better: 'down',
    eventTime: CALL_TIME,
  },
  {
    id: 'slaBreaches',
    name: { zh: '投诉超时次数', en: 'Complaint SLA breaches' },
    formula: {
      zh: '时段内投诉工单超过服务时限的次数',
      en: 'complaint SLA deadlines missed in the period',
    },
    unit: 'count',
    better: 'down',
    eventTime: { zh: '按超时发生时间', en: 'by the time the deadline passed' },
  },
  // Additions to DESIGN.md's list: contact-centre facts of unanswered calls, not an agent's work.
  {
    id: 'abandonRate',
    name: { zh: '呼入放弃率', en: 'Abandon rate' },
    formula: {
      zh: '振铃中主叫挂断、无人接听的呼入电话 ÷ 呼入接入量(接通 + 无人接听);忙线、失败、拥塞的呼叫未振铃到坐席,不计入接入量;不含外呼与培训通话;不计入任何坐席绩效与排名',
      en: 'inbound calls not answered (NO ANSWER: the caller hung up while it rang) ÷ inbound calls offered (answered + NO ANSWER); BUSY, FAILED and CONGESTION never rang at an agent and are not offered; outbound and training calls excluded; part of no agent performance figure or ranking',
    },
    unit: 'ratio',
    better: 'down',
    eventTime: CALL_TIME,
  },
  {
    id: 'abandonedRingSecondsAvg',
    name: { zh: '放弃前平均振铃时长', en: 'Average ring time before abandoning' },
    formula: {
      zh: '放弃的呼入电话(无人接听)从开始振铃到主叫挂断的平均秒数',
      en: 'mean seconds from ringing to the caller hanging up, over abandoned (NO ANSWER) inbound calls',
    },
    unit: 'seconds',
    better: 'down',
    eventTime: CALL_TIME,
  },
];

export const isKpiId = (s: string): s is KpiId => (KPI_IDS as readonly string[]).includes(s);
