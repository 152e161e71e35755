import { fail, notApplicable, pass, RuleFn } from './rule-context';

export const withinThreeRings: RuleFn = (ctx) => {
  if (ctx.rings === null) return notApplicable('abandoned call');
  return ctx.rings <= 3
    ? pass([], `${ctx.rings} ring(s)`)
    : fail([], `answered after ${ctx.rings} rings`);
};
