/**
 * What an outbound callback call (回访) says, read from its transcript: whether the customer was
 * reached, the satisfaction they stated (the post-call survey first, else their own words) and
 * whether they say the problem remains. Pure.
 */
export interface CallbackCallFacts {
  answered: boolean;
  satisfaction: number | null;
  problemRemains: boolean;
}

const SATISFACTION: [RegExp, number][] = [
  [/非常不满意|很不满意|特别不满意/, 1],
  [/不满意|不太满意|不怎么满意/, 2],
  [/一般|还行|凑合/, 3],
  [/非常满意|很满意|特别满意/, 5],
  [/满意/, 4],
];

const REMAINS =
  /(还是?|仍然|依然|一直|根本)(没有?|未)(解决|修好|处理好|到账|好)|问题还在|还是不行|还是没用|又坏了|又断了/;

export function readCallbackCall(
  call: {
    answeredAt: string;
    csat: number;
    segments: { speaker: number | string; text: string }[];
  },
  customerSpeaker: number | string,
): CallbackCallFacts {
  const said = call.segments
    .filter((s) => s.speaker === customerSpeaker)
    .map((s) => s.text)
    .join('\n');
  const stated = SATISFACTION.find(([re]) => re.test(said))?.[1] ?? null;
  return {
    answered: call.answeredAt !== '',
    satisfaction: call.csat >= 1 && call.csat <= 5 ? call.csat : stated,
    problemRemains: REMAINS.test(said),
  };
}
