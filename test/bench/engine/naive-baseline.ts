import type { CallInput, PhraseLists, ScorecardDefinition } from '@qa/qa-rules';

type Span = [number, number];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NUMERIC_TIME =
  /(?:[0-9０-９]+|[一二两三四五六七八九十半]+)\s*(?:个)?\s*(?:小时|分钟|钟头|天|日|工作日|点|号|周)/;

/**
 * What a straightforward implementation does: one RegExp per phrase, run over each segment a rule
 * looks at, for the same phrase checks as the engine (forbidden with polite exceptions, greeting,
 * apology, closing, hold, empathy, resolution, promise time, callback script, complaint words).
 * The engine's answer is the reference: `agreement` in the bench output compares the two.
 */
export class NaiveBaseline {
  private readonly lists = new Map<string, RegExp[]>();

  constructor(card: ScorecardDefinition) {
    const add = (lists: PhraseLists | undefined) => {
      for (const [name, phrases] of Object.entries(lists ?? {})) {
        if (!this.lists.has(name))
          this.lists.set(
            name,
            phrases.map((p) => new RegExp(escape(p), 'g')),
          );
      }
    };
    for (const item of card.items) add(item.phrases);
    add(card.phraseLists);
  }

  private find(list: string, text: string): Span[] {
    const out: Span[] = [];
    for (const re of this.lists.get(list) ?? []) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        out.push([m.index, m.index + m[0].length]);
        re.lastIndex = m.index + 1;
      }
    }
    return out;
  }

  private has(list: string, text: string): boolean {
    for (const re of this.lists.get(list) ?? []) {
      re.lastIndex = 0;
      if (re.test(text)) return true;
    }
    return false;
  }

  private kept(list: string, except: string, text: string): Span[] {
    const found = this.find(list, text);
    if (found.length === 0) return found;
    const ex = this.find(except, text);
    return found.filter(
      ([s, e]) =>
        !ex.some(([xs, xe]) => xs <= s && xe >= e) &&
        !found.some(([os, oe]) => os <= s && oe >= e && oe - os > e - s),
    );
  }

  evaluate(call: CallInput, company: string, secondsPerRing: number) {
    const segs = call.segments;
    const agent = segs.flatMap((s, i) => (s.speaker === 'agent' ? [i] : []));
    const customer = segs.flatMap((s, i) => (s.speaker === 'customer' ? [i] : []));
    const text = (i: number) => segs[i].text;
    const anyIn = (list: string, idx: number[]) => idx.some((i) => this.has(list, text(i)));
    const opening: number[] = [];
    for (let i = agent[0] ?? segs.length; i < segs.length && segs[i].speaker !== 'customer'; i++) {
      if (segs[i].speaker === 'agent') opening.push(i);
    }
    const rings = Math.ceil(
      (Date.parse(call.answeredAt ?? '') - Date.parse(call.startedAt)) / 1000 / secondsPerRing,
    );
    let forbidden = 0;
    for (const i of agent)
      forbidden += this.kept('forbidden', 'forbiddenExceptions', text(i)).length;
    const last = (n: number) => agent.slice(-n);
    const outcome: Record<string, string> = {
      'forbidden.phrases': forbidden > 0 ? 'fail' : 'pass',
      'greeting.opening':
        anyIn('greeting', opening) &&
        (opening.some((i) => text(i).includes(company)) || anyIn('selfIdentify', opening))
          ? 'pass'
          : 'fail',
      'answer.late-apology':
        rings <= 3 ? 'not_applicable' : anyIn('lateApology', opening) ? 'pass' : 'fail',
      'closing.farewell':
        anyIn('farewellThanks', last(2)) && anyIn('farewellBye', last(2)) ? 'pass' : 'fail',
      'resolution.confirmed': anyIn('resolutionCheck', last(3)) ? 'pass' : 'fail',
      'hold.announced': this.hold(call, agent),
      'empathy.on-dissatisfaction': this.empathy(call, customer),
      'resolution.promise-has-time': this.promise(call, agent),
    };
    let complaint = call.purpose === 'complaint';
    for (const i of customer) {
      for (const [s, e] of this.kept('complaint', 'complaintExceptions', text(i))) {
        const t = text(i);
        if (
          !(/\d/.test(t[s]) && /\d/.test(t[s - 1] ?? '')) &&
          !(/\d/.test(t[e - 1]) && /\d/.test(t[e] ?? ''))
        )
          complaint = true;
      }
    }
    return { outcome, forbidden, complaint };
  }

  private hold(call: CallInput, agent: number[]): string {
    const segs = call.segments;
    let lastEnd = NaN;
    let holds = 0;
    for (let i = 0; i < segs.length; i++) {
      if (segs[i].startMs - lastEnd > 15000) {
        const prev = segs[i - 1];
        if (!(prev.speaker === 'customer' && this.has('customerHold', prev.text))) {
          holds++;
          const before = agent.filter((a) => a < i).slice(-2);
          const after = agent.filter((a) => a >= i).slice(0, 2);
          if (!before.some((a) => this.has('holdRequest', segs[a].text))) return 'fail';
          if (!after.some((a) => this.has('holdThanks', segs[a].text))) return 'fail';
        }
      }
      if (!(segs[i].endMs <= lastEnd)) lastEnd = segs[i].endMs;
    }
    return holds > 0 ? 'pass' : 'not_applicable';
  }

  private empathy(call: CallInput, customer: number[]): string {
    const segs = call.segments;
    let upset = 0;
    for (const c of customer) {
      // As in the engine: a call routed as a complaint opens with one.
      const routed = call.purpose === 'complaint' && c === customer[0];
      if (
        !routed &&
        this.kept('dissatisfaction', 'dissatisfactionExceptions', segs[c].text).length === 0
      )
        continue;
      const next = segs.flatMap((s, i) => (i > c && s.speaker === 'agent' ? [i] : [])).slice(0, 2);
      if (next.length === 0) continue;
      upset++;
      if (!next.some((a) => this.has('empathy', segs[a].text))) return 'fail';
    }
    return upset > 0 ? 'pass' : 'not_applicable';
  }

  private promise(call: CallInput, agent: number[]): string {
    const segs = call.segments;
    let promised = 0;
    for (let k = 0; k < agent.length; k++) {
      const t = segs[agent[k]].text;
      if (this.kept('promise', 'promiseExceptions', t).length === 0) continue;
      promised++;
      const when = (x: string | undefined) =>
        x !== undefined && (this.has('promiseTime', x) || NUMERIC_TIME.test(x));
      if (!when(t) && !when(segs[agent[k + 1]]?.text)) return 'fail';
    }
    return promised > 0 ? 'pass' : 'not_applicable';
  }
}
