import { useUi } from '../../ui';

const zh = {
  scope: '范围',
  tenant: '全公司',
  team: '班组',
  agent: '坐席',
  id: '编号',
  window: '时间粒度',
  minute: '分钟',
  hour: '小时',
  day: '天',
  month: '月',
  show: '查看',
  live: '实时',
  target: '目标',
  onTarget: '达标',
  offTarget: '未达标',
  noData: '无数据',
  chartOf: '趋势',
  ranking: '坐席月度排名',
  rank: '名次',
  evaluated: '质检通话',
  average: '平均分',
  monthlyGrade: '月度等级',
  flagged: '连续两个月及格',
  drill: '查看明细',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  scope: 'Scope',
  tenant: 'Whole company',
  team: 'Team',
  agent: 'Agent',
  id: 'Id',
  window: 'Buckets',
  minute: 'Minute',
  hour: 'Hour',
  day: 'Day',
  month: 'Month',
  show: 'Show',
  live: 'Live',
  target: 'Target',
  onTarget: 'On target',
  offTarget: 'Off target',
  noData: 'No data',
  chartOf: 'Trend',
  ranking: 'Agent ranking this month',
  rank: 'Rank',
  evaluated: 'Evaluated calls',
  average: 'Average score',
  monthlyGrade: 'Monthly grade',
  flagged: 'Pass two months running',
  drill: 'See the calls',
};

export function useKpiText() {
  const { lang } = useUi();
  return { lang, t: (k: Key) => (lang === 'zh' ? zh : en)[k] };
}
