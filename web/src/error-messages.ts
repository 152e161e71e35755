import type { Lang } from './i18n';

/**
 * The API's problem codes worded for people, in both languages: the server's `detail` is English
 * and written for developers. A code missing here shows the server's words (see `problemText`).
 */
export const ERROR_MESSAGES: Record<string, [zh: string, en: string]> = {
  AUTH_BAD_CREDENTIALS: ['用户名或密码错误。', 'Wrong username or password.'],
  AUTH_WRONG_PASSWORD: ['当前密码不正确。', 'The current password is wrong.'],
  AUTH_WEAK_PASSWORD: ['密码太弱,请换一个更难猜的密码。', 'The password is too weak.'],
  AUTH_RATE_LIMITED: ['尝试次数过多,请稍后再试。', 'Too many attempts: try again later.'],
  AUTH_BAD_REFRESH_TOKEN: ['登录已失效,请重新登录。', 'Your session ended: log in again.'],
  USER_NOT_TENANT_ROLE: ['该角色不能在这里创建。', 'This role cannot be given here.'],
  USER_AGENT_WITHOUT_ID: [
    '坐席账号必须填写工号。',
    'An agent needs the agent id their calls carry.',
  ],
  USER_WEAK_PASSWORD: ['密码太弱,请换一个更难猜的密码。', 'The password is too weak.'],
  USER_USERNAME_TAKEN: ['用户名已存在。', 'This username is taken.'],
  USER_NOT_FOUND: ['用户不存在,或已被删除。', 'No such user, or it was deleted.'],
  USER_OWN_ACCOUNT: ['不能对自己的账号这样操作。', 'You cannot do this to your own account.'],
  USER_STALE_VERSION: [
    '其他管理员刚修改了这个用户,请刷新后再改。',
    'Another admin changed this user meanwhile: reload and edit again.',
  ],
  TENANT_NOT_FOUND: ['租户不存在。', 'No such tenant.'],
  TENANT_REQUIRED: ['请先选择租户。', 'Choose a tenant first.'],
  CALL_INVALID: ['通话数据有误,请检查标出的字段。', 'The call is invalid: see the fields named.'],
  CALL_CONFLICT: [
    '同一通话 ID 已有不同内容的记录。',
    'A different call with this id is already stored.',
  ],
  CALL_NOT_FOUND: ['通话不存在,或您无权查看。', 'No such call, or you may not see it.'],
  CALL_WRONG_TENANT: ['通话不属于您的租户。', 'The call belongs to another tenant.'],
  CALL_BATCH_EMPTY: ['批量文件里没有通话。', 'The batch holds no calls.'],
  CALL_BATCH_TOO_LARGE: ['批量文件太大,请拆分后上传。', 'The batch is too large: split it.'],
  CALL_NO_BODY: ['没有收到内容。', 'Nothing was sent.'],
  CALL_UNSUPPORTED_MEDIA_TYPE: ['不支持这种文件类型。', 'This file type is not supported.'],
  CALL_BAD_CURSOR: ['翻页位置已失效,请从第一页开始。', 'This page link expired: start again.'],
  IMPORT_INVALID: [
    '导入文件有误,请检查标出的行。',
    'The import file is invalid: see the rows named.',
  ],
  RECORDING_NOT_FOUND: ['这通电话没有录音。', 'This call has no recording.'],
  RECORDING_REQUIRED: ['请选择录音文件。', 'Choose a recording file.'],
  RECORDING_UNSUPPORTED_TYPE: ['不支持这种录音格式。', 'This audio format is not supported.'],
  EVALUATION_NOT_FOUND: ['评估不存在,或您无权查看。', 'No such evaluation, or you may not see it.'],
  EVALUATION_FINAL: [
    '评估已定稿,只能通过申诉更改。',
    'The evaluation is final: only a dispute decision changes it.',
  ],
  EVALUATION_NOT_FINAL: ['评估尚未定稿。', 'The evaluation is not final yet.'],
  EVALUATION_BAD_PERIOD: ['起止时间有误。', 'The period is invalid.'],
  EVALUATION_BAD_CURSOR: [
    '翻页位置已失效,请从第一页开始。',
    'This page link expired: start again.',
  ],
  REVIEW_INVALID: [
    '复核内容有误,请检查标出的字段。',
    'The review is invalid: see the fields named.',
  ],
  REVIEW_NOT_FOUND: ['复核任务不存在。', 'No such review.'],
  REVIEW_STALE_VERSION: [
    '其他人刚修改了这份评估,请刷新后再复核。',
    'Someone changed this evaluation meanwhile: reload and review again.',
  ],
  DISPUTE_ALREADY_OPEN: [
    '这份评估已有待处理的申诉。',
    'A dispute on this evaluation is already open.',
  ],
  DISPUTE_ALREADY_DECIDED: ['申诉已处理。', 'The dispute is already decided.'],
  DISPUTE_LIMIT_REACHED: ['本月申诉次数已用完。', 'No disputes left this month.'],
  DISPUTE_WINDOW_CLOSED: ['已过申诉期限。', 'The time to dispute has passed.'],
  CALIBRATION_NOT_FOUND: ['校准会不存在。', 'No such calibration session.'],
  CALIBRATION_CLOSED: ['校准会已结束。', 'The calibration session is closed.'],
  CALIBRATION_STILL_OPEN: ['校准会还未结束。', 'The calibration session is still open.'],
  CALIBRATION_ALREADY_SUBMITTED: ['您已提交过评分。', 'You have already submitted.'],
  CALIBRATION_NOT_PARTICIPANT: ['您不是这次校准会的成员。', 'You are not in this session.'],
  CALIBRATION_INVALID: ['校准内容有误,请检查标出的字段。', 'Invalid: see the fields named.'],
  SCORECARD_NOT_FOUND: ['评分表不存在。', 'No such scorecard.'],
  SCORECARD_EXISTS: ['评分表已存在。', 'This scorecard already exists.'],
  SCORECARD_INVALID: [
    '评分表有误,请检查标出的字段。',
    'The scorecard is invalid: see the fields named.',
  ],
  TICKET_NOT_FOUND: ['工单不存在,或您无权查看。', 'No such ticket, or you may not see it.'],
  TICKET_INVALID: [
    '工单内容有误,请检查标出的字段。',
    'The ticket is invalid: see the fields named.',
  ],
  TICKET_ILLEGAL_TRANSITION: [
    '工单当前状态不能这样流转。',
    'The ticket cannot move there from here.',
  ],
  TICKET_STALE_VERSION: [
    '其他人刚处理了这张工单,请刷新后再操作。',
    'Someone changed this ticket meanwhile: reload and try again.',
  ],
  TICKET_DUPLICATE_CALL: ['这通回访已记录过。', 'This callback call is already recorded.'],
  TICKET_CALLBACK_NOT_EXPECTED: [
    '这张工单现在不需要回访。',
    'This ticket expects no callback now.',
  ],
  SETTINGS_STALE_VERSION: [
    '其他人刚修改了设置,请刷新后再改。',
    'Someone changed the settings meanwhile: reload and edit again.',
  ],
  KPI_BAD_QUERY: [
    '查询条件有误,请检查标出的参数。',
    'The query is invalid: see the parameters named.',
  ],
  KPI_FORBIDDEN: ['您无权查看这些指标。', 'You may not see these figures.'],
  COACHING_NOT_FOUND: ['记录不存在,或您无权查看。', 'Not found, or you may not see it.'],
  COACHING_INVALID: ['内容有误,请检查标出的字段。', 'Invalid: see the fields named.'],
  COACHING_FORBIDDEN: ['您无权这样操作。', 'You may not do this.'],
  COACHING_CONFLICT: ['与已有记录冲突。', 'This conflicts with a record that exists.'],
  COACHING_STALE_VERSION: [
    '其他人刚修改了这条记录,请刷新后再改。',
    'Someone changed this meanwhile: reload and edit again.',
  ],
  ASSIGNMENT_NOT_FOUND: ['辅导任务不存在。', 'No such coaching assignment.'],
  ASSIGNMENT_INVALID: ['内容有误,请检查标出的字段。', 'Invalid: see the fields named.'],
  ASSIGNMENT_STALE: [
    '其他人刚修改了这个辅导任务,请刷新后再改。',
    'Someone changed this assignment meanwhile: reload and edit again.',
  ],
};

/** Problems without a code (a field check, a refused body), worded by status. */
const BY_STATUS: Record<number, [zh: string, en: string]> = {
  400: ['请求有误,请检查标出的字段。', 'The request is invalid: see the fields named.'],
  403: ['您的角色不能这样操作。', 'Your role may not do this.'],
  404: ['不存在,或您无权查看。', 'Not found, or you may not see it.'],
  409: ['与最新数据冲突,请刷新后再试。', 'This conflicts with newer data: reload and try again.'],
  413: ['内容太大。', 'Too large.'],
  415: ['不支持这种内容类型。', 'This content type is not supported.'],
  503: ['服务暂时不可用,请稍后再试。', 'The service is unavailable: try again shortly.'],
};

/** A refused request in the reader's language: by its code, else its status, else the server's words. */
export function problemText(
  problem: { code?: string; status?: number; message: string },
  lang: Lang,
): string {
  const words =
    (problem.code ? ERROR_MESSAGES[problem.code] : undefined) ??
    (problem.status ? BY_STATUS[problem.status] : undefined);
  return words ? words[lang === 'zh' ? 0 : 1] : problem.message;
}
