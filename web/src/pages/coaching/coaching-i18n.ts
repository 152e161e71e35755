import { useUi } from '../../ui';

const zh = {
  queue: '辅导任务',
  mine: '我的辅导',
  status: '状态',
  open: '待辅导',
  session_recorded: '已辅导',
  closed: '已关闭',
  agent: '话务员',
  rule: '规则',
  openedAt: '创建时间',
  evidence: '失败证据',
  reviewerReason: '质检员理由',
  passRate: '通过率',
  before: '辅导前',
  after: '辅导后',
  details: '详情',
  notes: '辅导记录',
  actions: '改进措施(每行一条)',
  dueDate: '完成日期',
  record: '记录辅导',
  session: '辅导',
  noAssignments: '没有辅导任务',
  appraisal: '本月考核',
  score: '得分',
  planPoints: 'TO计划得分',
  satisfaction: '满意度得分',
  flagged: '连续两月及格',
  auto: '系统触发',
  manual: '主管创建',
};
type Key = keyof typeof zh;

const en: Record<Key, string> = {
  queue: 'Coaching',
  mine: 'My coaching',
  status: 'Status',
  open: 'To coach',
  session_recorded: 'Coached',
  closed: 'Closed',
  agent: 'Agent',
  rule: 'Rule',
  openedAt: 'Opened',
  evidence: 'Failing evidence',
  reviewerReason: "Reviewer's reason",
  passRate: 'Pass rate',
  before: 'Before',
  after: 'After',
  details: 'Details',
  notes: 'Session notes',
  actions: 'Agreed actions (one a line)',
  dueDate: 'Due date',
  record: 'Record session',
  session: 'Session',
  noAssignments: 'No coaching assignments',
  appraisal: "This month's appraisal",
  score: 'Score',
  planPoints: 'Daily plan points',
  satisfaction: 'Satisfaction points',
  flagged: '及格 two months running',
  auto: 'Opened by the system',
  manual: 'Opened by a lead',
};

/** This page's strings; statuses and origins arrive as codes and are translated here. */
export function useCoachingText() {
  const { lang, when } = useUi();
  const dict = lang === 'zh' ? zh : en;
  const t = (k: Key) => dict[k];
  const code = (c: string) => (c in dict ? dict[c as Key] : c);
  return { t, code, when, lang };
}
