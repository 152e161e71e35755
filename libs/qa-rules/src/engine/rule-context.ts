import { CallView } from '../input/call-view';
import type { Evidence } from '../types/evaluation.types';
import { HitTable } from './hit-table';

/** What every rule reads for one call; one instance, reloaded per call. */
export class RuleContext {
  readonly view = new CallView();
  readonly hits = new HitTable();
  companyName = '';
  secondsPerRing = 3;
  /** Rings before the answer (or before the caller gave up), null when unknown. */
  rings: number | null = null;

  /** Evidence for hit h. */
  evidence(h: number): Evidence {
    return this.span(this.hits.segment[h], this.hits.start[h], this.hits.end[h]);
  }

  /** Evidence for a span of a segment, clamped to its text. */
  span(segment: number, start: number, end: number): Evidence {
    const text = this.view.texts[segment] ?? '';
    const s = Math.max(0, Math.min(start, text.length));
    const e = Math.max(s, Math.min(end, text.length));
    return { segment, start: s, end: e, text: text.slice(s, e) };
  }

  /** A whole turn as evidence (what the agent said over the customer). */
  turn(segment: number): Evidence {
    return this.span(segment, 0, (this.view.texts[segment] ?? '').length);
  }

  /** First hit of `list` in agent turns [fromTurn, toTurn) (indexes into agentTurns), or -1. */
  firstInAgentTurns(list: number, fromTurn: number, toTurn: number): number {
    if (list < 0) return -1;
    const turns = this.view.agentTurns;
    for (let k = Math.max(0, fromTurn); k < toTurn && k < this.view.agentCount; k++) {
      const h = this.hits.first(list, turns[k]);
      if (h >= 0) return h;
    }
    return -1;
  }
}
