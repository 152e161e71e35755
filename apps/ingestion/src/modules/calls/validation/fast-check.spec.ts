import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { sampleCall } from '@qa/testing';
import fc from 'fast-check';
import { canonicalJson, toCallBody } from '../call-body';
import { CreateCallRequestDto } from '../dto/create-call.request.dto';
import { fastCallCheck } from './fast-check';

const dtoAccepts = (raw: unknown) =>
  validateSync(plainToInstance(CreateCallRequestDto, raw as object), {
    whitelist: true,
    forbidNonWhitelisted: true,
  }).length === 0;

const base = (): Record<string, unknown> =>
  sampleCall({ segments: [{ speaker: 'agent', startMs: 0, endMs: 2800, text: '您好' }] });

const weird = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 200 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom(
    '2026-02-29T09:00:00Z',
    '2026-11-22T24:00:00Z',
    '2026-11-22 09:00:00',
    'inbound',
    'agent',
    'unknown',
    'no_answer',
    'NORMAL_CLEARING',
    'x'.repeat(130),
    'a\ud800b',
    'a\u0000b',
    '\udc00',
    '2026-11-22T09:00:00',
    '2026-11-22',
  ),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
const fields = [
  'callId',
  'tenantId',
  'direction',
  'purpose',
  'agentId',
  'teamId',
  'customer',
  'startedAt',
  'answeredAt',
  'endedAt',
  'ringCount',
  'hangupBy',
  'disposition',
  'hangupCause',
  'segments',
  'csat',
  'recordingUrl',
  'relatedCallIds',
  'extra',
];

describe(fastCallCheck.name, () => {
  it('accepts an ordinary valid call', () => {
    expect(fastCallCheck(base())).toBe(true);
  });

  it('never accepts what the DTO refuses (mutated calls)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fields),
        weird,
        fc.constantFrom('top', 'segment', 'customer'),
        (field, value, where) => {
          const call: Record<string, unknown> = base();
          if (where === 'top') call[field] = value;
          else if (where === 'segment')
            (call.segments as Record<string, unknown>[])[0][
              field === 'extra'
                ? 'extra'
                : ['speaker', 'startMs', 'endMs', 'text'][fields.indexOf(field) % 4]
            ] = value;
          else
            (call.customer as Record<string, unknown>)[
              field === 'extra' ? 'extra' : fields.indexOf(field) % 2 ? 'phone' : 'id'
            ] = value;
          expect(!fastCallCheck(call) || dtoAccepts(call)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe(toCallBody.name, () => {
  it('emits keys in canonical (sorted) order, so JSON.stringify is canonical JSON', () => {
    const dto = plainToInstance(CreateCallRequestDto, {
      ...base(),
      csat: 5,
      ringCount: 3,
      recordingUrl: 'file:///r.wav',
      relatedCallIds: ['c-0'],
    });
    const body = toCallBody(dto);
    expect(JSON.stringify(body)).toBe(canonicalJson(body));
  });
});
