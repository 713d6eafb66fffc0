// Chinese labels of the API's enums (工单状态, 层级, 操作, 角色, …), as the schema's descriptions name them
// (the spreadsheets' columns and the members subgraph's enums use the same words).
export const STATUS_LABELS: Record<string, string> = {
  REPORTED: '待受理',
  ACCEPTED: '已受理',
  DISPATCHED: '已派单',
  IN_PROGRESS: '处置中',
  RESOLVED: '已办结',
  CLOSED: '已关闭',
  REJECTED: '不予受理',
  MERGED: '已合并',
};

export const STATUS_COLORS: Record<string, string> = {
  REPORTED: 'gold',
  ACCEPTED: 'blue',
  DISPATCHED: 'geekblue',
  IN_PROGRESS: 'processing',
  RESOLVED: 'green',
  CLOSED: 'default',
  REJECTED: 'red',
  MERGED: 'default',
};

export const LEVEL_LABELS: Record<string, string> = { GRID: '网格', ADMIN_VILLAGE: '村级', TOWNSHIP: '镇级' };

export const ORG_LEVEL_LABELS: Record<string, string> = {
  CITY: '市',
  DISTRICT: '区县',
  TOWNSHIP: '乡镇',
  ADMIN_VILLAGE: '行政村',
  NATURAL_VILLAGE: '自然村',
  GRID: '网格',
};

/** The org level one step below, for rankings of child units. */
export const CHILD_LEVEL: Record<string, string | undefined> = {
  CITY: 'DISTRICT',
  DISTRICT: 'TOWNSHIP',
  TOWNSHIP: 'ADMIN_VILLAGE',
  ADMIN_VILLAGE: 'GRID',
  NATURAL_VILLAGE: 'GRID',
};

export const ACTION_LABELS: Record<string, string> = {
  report: '上报',
  accept: '受理',
  reject: '不予受理',
  dispatch: '派单',
  start: '开始处置',
  progress: '处置进展',
  resolve: '办结',
  escalate: '上报上级',
  transfer: '转办',
  supervise: '督办',
  feedback: '回访',
  reopen: '重办',
  close: '办结归档',
  merge: '合并',
  overdue: '超期',
};

export const ROLE_LABELS: Record<string, string> = {
  GRID_LEADER: '网格长',
  GRID_MEMBER: '网格员',
  GRID_INSTRUCTOR: '网格指导员',
  GRID_ASSISTANT: '网格助理员',
  VILLAGE_SECRETARY: '村书记',
  VILLAGE_STAFF: '村工作人员',
  TOWNSHIP_DISPATCHER: '调度员',
  HOTLINE_OPERATOR: '热线坐席',
  ADMIN: '管理员',
};

export const CHANNEL_LABELS: Record<string, string> = {
  HOTLINE: '580热线',
  WECHAT: '微信',
  GRID_REPORT: '网格员上报',
  PETITION: '信访',
  APP: 'APP',
  WALK_IN: '来访',
  API: '接口',
};

export const PRIORITY_LABELS: Record<string, string> = { LOW: '低', NORMAL: '一般', HIGH: '高', URGENT: '紧急' };

export const SATISFACTION_LABELS: Record<string, string> = { SATISFIED: '满意', BASICALLY_SATISFIED: '基本满意', UNSATISFIED: '不满意' };

export const HOUSEHOLD_TAG_LABELS: Record<string, string> = {
  POOR: '贫困户',
  ELDERLY_ALONE: '独居老人',
  LEFT_BEHIND_CHILD: '留守儿童',
  DISABLED: '残疾人',
  MILITARY_FAMILY: '军属',
  LOW_INCOME: '低保户',
  OTHER: '其他',
};

export const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);

export const formatTime = (iso: string | null | undefined) => {
  if (!iso) return '—';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
};
