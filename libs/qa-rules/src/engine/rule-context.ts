import { CallView } from '../input/call-view';
import { DEFAULT_SECONDS_PER_RING } from '../types/call.types';
import type { Evidence, EvidenceMeasure, EvidenceRole } from '../types/evaluation.types';
import { HitTable } from './hit-table';

/** What every rule reads for one call; one instance, reloaded per call. */
export class RuleContext {
  readonly view = new CallView();
  readonly hits = new HitTable();
  companyName = '';
  secondsPerRing = DEFAULT_SECONDS_PER_RING;
  /** Rings before the answer (or before the caller gave up), null when unknown. */
  rings: number | null = null;

  evidence(h: number, role: EvidenceRole = 'match'): Evidence {
    return this.span(this.hits.segment[h], this.hits.start[h], this.hits.end[h], role);
  }

  /** Evidence for a span of a segment, clamped to its text. */
  span(segment: number, start: number, end: number, role: EvidenceRole = 'match'): Evidence {
    const text = this.view.texts[segment] ?? '';
    const s = Math.max(0, Math.min(start, text.length));
    const e = Math.max(s, Math.min(end, text.length));
    return { role, segment, start: s, end: e, text: text.slice(s, e) };
  }

  /** A whole turn as evidence (what the agent said over the customer). */
  turn(segment: number, role: EvidenceRole = 'match'): Evidence {
    return this.span(segment, 0, (this.view.texts[segment] ?? '').length, role);
  }

  /** A measurement as evidence: of the whole call (segment -1) or before a segment (a silence). */
  measure(
    measure: EvidenceMeasure,
    text: string,
    role: EvidenceRole = 'match',
    segment = -1,
  ): Evidence {
    return { role, segment, start: 0, end: 0, text, measure };
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
