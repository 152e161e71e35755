import { evidence, fail, firstEvidence, hitsIn, notApplicable, pass, RuleFn } from './rule-context';

const firstAgentTurn = (ctx: Parameters<RuleFn>[0]) => ctx.agentTurns[0];

export const greetingOpening: RuleFn = (ctx) => {
  if (ctx.call.direction !== 'inbound') return notApplicable('outbound call');
  const seg = firstAgentTurn(ctx);
  if (seg === undefined) return fail([], 'the agent never spoke');
  const greet = hitsIn(ctx, seg, 'greeting')[0];
  const text = ctx.call.segments[seg].text;
  const company = ctx.context.companyName;
  const at = company ? text.indexOf(company) : -1;
  const identified =
    at >= 0 ? { start: at, end: at + company.length } : hitsIn(ctx, seg, 'selfIdentify')[0];
  const found = [greet, identified]
    .filter((h) => h !== undefined)
    .map((h) => evidence(ctx, seg, h));
  if (greet && identified) return pass(found);
  return fail(
    found,
    greet
      ? 'no company name or self-identification in the first turn'
      : 'no greeting in the first turn',
  );
};

export const lateApology: RuleFn = (ctx) => {
  if (ctx.rings === null) return notApplicable('abandoned call');
  if (ctx.rings <= 3) return notApplicable('answered within three rings');
  const seg = firstAgentTurn(ctx);
  if (seg === undefined) return fail([], 'the agent never spoke');
  const h = hitsIn(ctx, seg, 'lateApology')[0];
  return h
    ? pass([evidence(ctx, seg, h)])
    : fail([], `answered after ${ctx.rings} rings without apologising`);
};

export const closingFarewell: RuleFn = (ctx) => {
  const last = ctx.agentTurns.slice(-2);
  if (last.length === 0) return notApplicable('the agent never spoke');
  const thanks = firstEvidence(ctx, last, 'farewellThanks');
  const bye = firstEvidence(ctx, last, 'farewellBye');
  const found = [thanks, bye].filter((e) => e !== undefined);
  if (thanks && bye) return pass(found);
  return fail(found, thanks ? 'no goodbye in the closing turns' : 'no thanks in the closing turns');
};

export const customerHangsUpFirst: RuleFn = (ctx) => {
  if (ctx.call.hangupBy === 'customer') return pass();
  if (ctx.call.hangupBy === 'agent') return fail([], 'the agent hung up first');
  return notApplicable('the call ended by the system');
};

const HOLD_GAP_MS = 15_000;

export const holdAnnounced: RuleFn = (ctx) => {
  const segs = ctx.call.segments;
  const gaps: number[] = [];
  let lastEnd = segs.length > 0 ? segs[0].endMs : 0;
  for (let i = 1; i < segs.length; i++) {
    if (segs[i].startMs - lastEnd > HOLD_GAP_MS) gaps.push(i);
    lastEnd = Math.max(lastEnd, segs[i].endMs);
  }
  if (gaps.length === 0) return notApplicable('no silence over 15 s');
  const found = [];
  for (const after of gaps) {
    const before = ctx.agentTurns.filter((t) => t < after).pop();
    const next = ctx.agentTurns.find((t) => t >= after);
    const asked = before === undefined ? undefined : hitsIn(ctx, before, 'holdRequest')[0];
    const thanked = next === undefined ? undefined : hitsIn(ctx, next, 'holdThanks')[0];
    if (asked) found.push(evidence(ctx, before!, asked));
    if (thanked) found.push(evidence(ctx, next!, thanked));
    if (!asked || !thanked) {
      return fail(
        found,
        asked
          ? `no thanks for waiting after the silence before segment ${after}`
          : `silence before segment ${after} not announced`,
      );
    }
  }
  return pass(found);
};
