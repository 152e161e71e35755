import { randomBytes } from 'node:crypto';
import {
  CALL_TOPIC_MAX_MESSAGE_BYTES,
  Codecs,
  MAX_CALL_RECORD_BYTES,
  MAX_CALL_TEXT_CHARS,
  Topics,
} from '@qa/contracts';
import { configurePii } from '@qa/pii';
import { decodeRawCall } from './call-raw.consumer';
import { validateCallPayload } from './validation/full-validation';
import { toCallIngested } from './calls.mapper';
import { sampleCall } from '@qa/testing';
import { MAX_SEGMENTS } from './dto/create-call.request.dto';

/** Every non-ASCII character as \uXXXX (Python's json.dumps default): the costliest legal JSON. */
const asciiJson = (v: unknown) =>
  JSON.stringify(v).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
const id = (c: string) => c.repeat(128);

/** Every field at its longest: the most characters, segments, ids and links a call may have. */
function largestLegalCall(chars = MAX_CALL_TEXT_CHARS): Record<string, unknown> {
  const perSegment = chars / MAX_SEGMENTS;
  return sampleCall({
    callId: id('c'),
    tenantId: id('t'),
    agentId: id('a'),
    teamId: id('m'),
    customer: { phone: `+${'1'.repeat(31)}`, id: '客'.repeat(128), name: '名'.repeat(128) },
    startedAt: '2026-11-22T09:00:00.123456789+08:00',
    answeredAt: '2026-11-22T09:00:00.123456789+08:00',
    endedAt: '2026-11-23T09:00:00.123456789+08:00',
    ringCount: 100,
    hangupBy: 'customer',
    disposition: 'answered',
    hangupCause: `N${'_'.repeat(63)}`,
    recordingUrl: `file:///${'录'.repeat(2040)}`,
    csat: 5,
    relatedCallIds: Array.from({ length: 100 }, () => id('r')),
    segments: Array.from({ length: MAX_SEGMENTS }, (_, i) => ({
      speaker: 'customer',
      startMs: 86_000_000 + i,
      endMs: 86_399_999,
      text: '话'.repeat(perSegment),
    })),
  });
}

describe('the largest legal call', () => {
  beforeAll(() => configurePii(randomBytes(32).toString('base64')));

  it('is legal, and one character more is refused naming segments', () => {
    expect(validateCallPayload(largestLegalCall()).ok).toBe(true);
    const over = largestLegalCall();
    (over.segments as { text: string }[])[0].text += '话';
    const v = validateCallPayload(over);
    expect(v.ok ? [] : v.errors).toEqual([
      {
        path: 'segments',
        message: `the transcript has ${MAX_CALL_TEXT_CHARS + 1} characters; a call may have at most ${MAX_CALL_TEXT_CHARS}`,
      },
    ]);
  });

  it('fits the raw topic as the costliest JSON, and the ingested topic as protobuf', () => {
    const call = largestLegalCall();
    const json = Buffer.from(asciiJson(call));
    // ≈3.2 MB: under the 5 MiB a record (and a POST body) may have.
    expect(json.length).toBeGreaterThan(3_000_000);
    expect(json.length).toBeLessThan(MAX_CALL_RECORD_BYTES);
    expect(decodeRawCall(json).ok).toBe(true);
    const v = validateCallPayload(call);
    if (!v.ok) throw new Error('not legal');
    const event = Codecs[Topics.CallIngested]
      .encode(toCallIngested(v.body, 100, new Date().toISOString()))
      .finish();
    // ≈1.6 MB: over the broker's default 1 MiB, so qa.call.ingested.v1 needs its raised limit.
    expect(event.length).toBeGreaterThan(1024 * 1024);
    expect(event.length + 64 * 1024).toBeLessThan(CALL_TOPIC_MAX_MESSAGE_BYTES);
  });

  it('refuses a raw record over 5 MiB before parsing it, whatever it holds', () => {
    const json = JSON.stringify(sampleCall());
    const padded = json + ' '.repeat(MAX_CALL_RECORD_BYTES - Buffer.byteLength(json));
    expect(decodeRawCall(Buffer.from(padded)).ok).toBe(true);
    expect(decodeRawCall(Buffer.from(`${padded} `))).toEqual({
      ok: false,
      reason: `the record is ${MAX_CALL_RECORD_BYTES + 1} bytes; a call may be at most ${MAX_CALL_RECORD_BYTES} bytes (5 MiB, as a POST /api/v1/calls body)`,
    });
  });
});
