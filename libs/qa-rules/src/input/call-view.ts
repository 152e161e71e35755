import { parseInstant } from './parse-instant';
import { CALL_PURPOSES, DEFAULT_SECONDS_PER_RING } from '../types/call.types';
import type { CallDirection, CallPurpose, HangupBy } from '../types/call.types';

export const OTHER = 0;
export const AGENT = 1;
export const CUSTOMER = 2;

const DIRECTIONS: readonly string[] = ['inbound', 'outbound'];
const PURPOSES: readonly string[] = CALL_PURPOSES;
const HANGUPS: readonly string[] = ['customer', 'agent', 'system'];

const finite = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);
const instant = (v: unknown): number =>
  typeof v === 'string' ? parseInstant(v) : typeof v === 'number' && Number.isFinite(v) ? v : NaN;
const oneOf = <T extends string>(v: unknown, allowed: readonly string[], fallback: T): T =>
  typeof v === 'string' && allowed.includes(v) ? (v as T) : fallback;

/**
 * The call as the rules read it, whatever arrived: unknown speakers are neither side, unusable times
 * are NaN (every timing comparison with NaN is false, so such a segment never counts as a gap or an
 * overlap), and segment indexes stay those of the input so evidence points at the right turn.
 * Typed arrays are reused from call to call: the engine is synchronous and never re-entered.
 */
export class CallView {
  count = 0;
  speaker = new Uint8Array(64);
  /** 1 for segments nobody we know spoke (not scanned). */
  silent = new Uint8Array(64);
  startMs = new Float64Array(64);
  endMs = new Float64Array(64);
  texts: string[] = [];
  agentTurns = new Int32Array(64);
  agentCount = 0;
  customerTurns = new Int32Array(64);
  customerCount = 0;
  /** Per segment: its position among its speaker's turns, and among all spoken turns. */
  ordinal = new Int32Array(64);
  spokenOrdinal = new Int32Array(64);
  spokenCount = 0;
  direction: CallDirection = 'inbound';
  purpose: CallPurpose = 'service';
  hangupBy: HangupBy = 'system';
  startedMs = NaN;
  answeredMs = NaN;
  endedMs = NaN;
  /** answeredAt null (or absent): nobody answered. */
  abandoned = false;
  /** ringCount as given, NaN when absent or unusable. */
  givenRings = NaN;

  load(input: unknown): this {
    const c = (input !== null && typeof input === 'object' ? input : {}) as Record<string, unknown>;
    this.direction = oneOf(c.direction, DIRECTIONS, 'inbound');
    this.purpose = oneOf(c.purpose, PURPOSES, 'service');
    this.hangupBy = oneOf(c.hangupBy, HANGUPS, 'system');
    this.startedMs = instant(c.startedAt);
    this.endedMs = instant(c.endedAt);
    this.abandoned = c.answeredAt === null || c.answeredAt === undefined || c.answeredAt === '';
    this.answeredMs = this.abandoned ? NaN : instant(c.answeredAt);
    this.givenRings = finite(c.ringCount);
    const segments = Array.isArray(c.segments) ? (c.segments as unknown[]) : [];
    this.loadSegments(segments);
    return this;
  }

  private loadSegments(segments: unknown[]): void {
    const n = segments.length;
    if (this.speaker.length < n) this.grow(n);
    // Never resize the texts array (resizing it every call cost a fifth of the time); drop the
    // previous call's extra texts so they can be collected.
    const texts = this.texts;
    for (let i = n; i < this.count; i++) texts[i] = '';
    const { speaker, silent, startMs, endMs, agentTurns, customerTurns, ordinal, spokenOrdinal } =
      this;
    let agents = 0;
    let customers = 0;
    let spoken = 0;
    // Two tight passes, segment objects then their strings: reading the input is mostly waiting
    // for memory, and small loops let the processor wait for several segments at once.
    for (let i = 0; i < n; i++) {
      const seg = segments[i] as Record<string, unknown> | null;
      if (seg === null || typeof seg !== 'object') {
        speaker[i] = OTHER;
        silent[i] = 1;
        startMs[i] = NaN;
        endMs[i] = NaN;
        texts[i] = '';
        continue;
      }
      const who = seg.speaker === 'agent' ? AGENT : seg.speaker === 'customer' ? CUSTOMER : OTHER;
      const start = seg.startMs;
      const end = seg.endMs;
      const text = seg.text;
      texts[i] = typeof text === 'string' ? text : '';
      speaker[i] = who;
      startMs[i] = Number.isFinite(start) ? (start as number) : NaN;
      endMs[i] = Number.isFinite(end) ? (end as number) : NaN;
      if (who === AGENT) {
        silent[i] = 0;
        ordinal[i] = agents;
        agentTurns[agents++] = i;
        spokenOrdinal[i] = spoken++;
      } else if (who === CUSTOMER) {
        silent[i] = 0;
        ordinal[i] = customers;
        customerTurns[customers++] = i;
        spokenOrdinal[i] = spoken++;
      } else silent[i] = 1;
    }
    this.agentCount = agents;
    this.customerCount = customers;
    this.spokenCount = spoken;
    this.count = n;
  }

  private grow(n: number): void {
    const size = Math.max(n, this.speaker.length * 2);
    this.speaker = new Uint8Array(size);
    this.silent = new Uint8Array(size);
    this.startMs = new Float64Array(size);
    this.endMs = new Float64Array(size);
    this.agentTurns = new Int32Array(size);
    this.customerTurns = new Int32Array(size);
    this.ordinal = new Int32Array(size);
    this.spokenOrdinal = new Int32Array(size);
  }

  /** Rings before the answer (or before the caller gave up); null when it cannot be known. */
  rings(secondsPerRing: number): number | null {
    // Protobuf carries an absent ring count as 0: a positive count is given, 0 only if nothing else.
    if (this.givenRings > 0) return Math.floor(this.givenRings);
    const until = this.abandoned ? this.endedMs : this.answeredMs;
    const ms = until - this.startedMs;
    if (ms >= 0) {
      const spr =
        Number.isFinite(secondsPerRing) && secondsPerRing > 0
          ? secondsPerRing
          : DEFAULT_SECONDS_PER_RING;
      return Math.min(Math.ceil(ms / 1000 / spr), 1e6);
    }
    return this.givenRings === 0 ? 0 : null;
  }

  /** The opening: the first agent turn and the agent turns right after it, before anyone else. */
  openingEnd(): number {
    if (this.agentCount === 0) return -1;
    let last = this.agentTurns[0];
    for (let i = last + 1; i < this.count && this.speaker[i] !== CUSTOMER; i++) {
      if (this.speaker[i] === AGENT) last = i;
    }
    return last;
  }
}
