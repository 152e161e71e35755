import { AGENT } from '../input/call-view';
import { callbackDeclined, DeclineLists } from './callback-script-rule';
import type { RuleContext } from '../engine/rule-context';
import type { Evidence } from '../types/evaluation.types';
import { fail, notApplicable, numberParam, pass, RuleDefinition } from './rule-definition';
import { findTimeExpression } from './time-expression';

interface ConfirmedConfig extends DeclineLists {
  check: number;
  /** In a callback, asking whether the customer is satisfied with the result settles it too. */
  satisfaction: number;
  lastTurns: number;
}

/** Before closing the agent checks the issue is settled (还有其他可以帮您的吗 / 是否已经清楚). */
export const resolutionConfirmedRule: RuleDefinition<ConfirmedConfig> = {
  id: 'resolution.confirmed',
  requiredLists: ['resolutionCheck'],
  configure: (params, lists, issues) => ({
    check: lists('resolutionCheck'),
    satisfaction: lists('callbackSatisfaction'),
    lastTurns: numberParam(params, 'lastTurns', 3, 1, 20, issues),
    convenience: lists('callbackConvenience'),
    declined: lists('callbackDeclined'),
  }),
  evaluate(ctx, cfg) {
    const n = ctx.view.agentCount;
    if (n === 0) return notApplicable('the agent never spoke');
    // A message left on voicemail raised no issue to settle.
    if (ctx.view.customerCount === 0) return notApplicable('the customer never spoke');
    if (callbackDeclined(ctx, cfg) >= 0) return notApplicable('the customer could not talk now');
    let h = ctx.firstInAgentTurns(cfg.check, n - cfg.lastTurns, n);
    if (h < 0 && ctx.view.purpose === 'callback')
      h = ctx.firstInAgentTurns(cfg.satisfaction, n - cfg.lastTurns, n);
    if (h >= 0) return pass([ctx.evidence(h)]);
    return fail(
      [ctx.turn(ctx.view.agentTurns[n - 1], 'missing')],
      'the agent closed without checking the issue was settled',
    );
  },
};

interface PromiseConfig {
  promise: number;
  exceptions: number;
  time: number;
  /** Something brought or sent to the customer (上门, 发到您手机): a promise only with a time. */
  delivery: number;
}

const NUMERAL = /[0-9０-９零一二两三四五六七八九十百半]/;

/**
 * The promised time in a turn: the time expression (明天上午十点前, 三个工作日内), widened to a
 * `promiseTime` hit it touches (a tenant's own time words), or that hit alone.
 */
function timeIn(ctx: RuleContext, cfg: PromiseConfig, seg: number): Evidence | undefined {
  const h = ctx.hits.first(cfg.time, seg);
  const text = ctx.view.texts[seg];
  // Without a time word or a numeral there is no time to find: skip the expression.
  const m = h >= 0 || NUMERAL.test(text) ? findTimeExpression(text) : null;
  if (!m) return h >= 0 ? ctx.evidence(h) : undefined;
  let [start, end] = m;
  if (h >= 0 && ctx.hits.start[h] <= end && ctx.hits.end[h] >= start) {
    start = Math.min(start, ctx.hits.start[h]);
    end = Math.max(end, ctx.hits.end[h]);
  } else if (h >= 0 && ctx.hits.start[h] < start) return ctx.evidence(h);
  return ctx.span(seg, start, end);
}

/** Seed 002: 给客户承诺准确回复时间 — a promise to come back names when. */
export const promiseHasTimeRule: RuleDefinition<PromiseConfig> = {
  id: 'resolution.promise-has-time',
  requiredLists: ['promise', 'promiseTime'],
  configure: (_params, lists) => ({
    promise: lists('promise'),
    exceptions: lists('promiseExceptions'),
    time: lists('promiseTime'),
    delivery: lists('promiseDelivery'),
  }),
  evaluate(ctx, cfg) {
    const v = ctx.view;
    const hits = ctx.hits;
    const found: Evidence[] = [];
    const times: string[] = [];
    let lastSeg = -1;
    if (cfg.promise < 0) return notApplicable('no promise list');
    for (let h = 0; h < hits.count; h++) {
      const list = hits.list[h];
      if (list !== cfg.promise && list !== cfg.delivery) continue;
      const seg = hits.segment[h];
      if (seg === lastSeg || v.speaker[seg] !== AGENT || hits.coveredBy(h, cfg.exceptions))
        continue;
      if (list === cfg.delivery) {
        // 师傅今天下午四点前上门 commits to a time; 行程单会发到您手机 without one is information.
        const at = timeIn(ctx, cfg, seg);
        if (!at) continue;
        lastSeg = seg;
        found.push(ctx.evidence(h, 'trigger'), at);
        times.push(at.text);
        continue;
      }
      lastSeg = seg;
      // The promise makes a time due; the time is the match.
      found.push(ctx.evidence(h, 'trigger'));
      // The time may come in the same turn or the agent's next one (…明天上午十点前).
      let when = timeIn(ctx, cfg, seg);
      for (let i = seg + 1; !when && i < v.count; i++) {
        if (v.speaker[i] !== AGENT) continue;
        when = timeIn(ctx, cfg, i);
        break;
      }
      if (!when) return fail(found, 'a promise to come back without a time');
      found.push(when);
      times.push(when.text);
    }
    return lastSeg < 0
      ? notApplicable('no promise to come back')
      : pass(found, `promised time: ${times.join(', ')}`);
  },
};
