import { MAX_CALL_TEXT_CHARS } from '@qa/contracts';
import type { FieldError } from '@qa/platform';
import type { CallBody } from '../calls.types';

/** Contact-centre records start well after 2000; a year outside this is a clock or parsing fault. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/** Checks across fields that decorators cannot express; pure, so it is unit-tested directly. */
export function checkCallConsistency(call: CallBody): FieldError[] {
  const errors: FieldError[] = [];
  const started = Date.parse(call.startedAt);
  const ended = Date.parse(call.endedAt);
  const answered = call.answeredAt == null ? null : Date.parse(call.answeredAt);
  for (const [path, at] of [
    ['startedAt', started],
    ['answeredAt', answered],
    ['endedAt', ended],
  ] as const) {
    if (at !== null && (at < EARLIEST || at >= LATEST)) {
      errors.push({ path, message: `${path} must be between 2000 and 2099` });
    }
  }
  if (answered !== null && answered < started) {
    errors.push({ path: 'answeredAt', message: 'answeredAt must not be before startedAt' });
  }
  if (ended < (answered ?? started)) {
    errors.push({
      path: 'endedAt',
      message: `endedAt must not be before ${answered === null ? 'startedAt' : 'answeredAt'}`,
    });
  }
  if (ended - started > 24 * 3600 * 1000) {
    errors.push({ path: 'endedAt', message: 'a call cannot last more than 24 hours' });
  }
  if (call.disposition !== undefined && (call.disposition === 'answered') !== (answered !== null)) {
    errors.push({
      path: 'disposition',
      message:
        answered === null
          ? 'disposition answered needs answeredAt'
          : `a call with answeredAt set cannot be ${call.disposition}`,
    });
  }
  if (answered === null && call.segments.length > 0) {
    errors.push({
      path: 'segments',
      message: 'an abandoned call (answeredAt null) has no transcript',
    });
  }
  const chars = call.segments.reduce((n, s) => n + s.text.length, 0);
  if (chars > MAX_CALL_TEXT_CHARS) {
    errors.push({
      path: 'segments',
      message: `the transcript has ${chars} characters; a call may have at most ${MAX_CALL_TEXT_CHARS}`,
    });
  }
  const talkMs = answered === null ? 0 : ended - answered;
  let previousStart = 0;
  call.segments.forEach((s, i) => {
    if (s.endMs < s.startMs) {
      errors.push({ path: `segments.${i}.endMs`, message: 'endMs must not be before startMs' });
    }
    if (s.startMs < previousStart) {
      errors.push({
        path: `segments.${i}.startMs`,
        message: 'segments must be in order of startMs',
      });
    }
    if (answered !== null && s.endMs > talkMs + 1000) {
      errors.push({ path: `segments.${i}.endMs`, message: 'segment ends after the call ended' });
    }
    previousStart = s.startMs;
  });
  return errors;
}
