import type { FieldError } from '@qa/platform';
import { flattenValidationErrors } from '@qa/platform';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { checkCallConsistency } from './consistency';
import { toCallBody } from '../call-body';
import type { CallBody } from '../calls.types';
import { CreateCallRequestDto } from '../dto/create-call.request.dto';
import { fastCallCheck } from './fast-check';

export type ValidatedCall = { ok: true; body: CallBody } | { ok: false; errors: FieldError[] };

/** A call is at most four levels deep (call → segments → segment → text). */
const MAX_DEPTH = 6;
/** Keys class-transformer skips silently; whitelisting would otherwise never see them. */
const HIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * The one validation of a call, for HTTP (single and batch), the raw Kafka topic and CDR imports:
 * shape and types (class-validator on the DTO, with whitelist and forbid-unknown), then the checks
 * across fields. Every failing field path is reported, never only the first.
 */
export function validateCallPayload(raw: unknown): ValidatedCall {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: [{ path: '', message: 'a call must be a JSON object' }] };
  }
  if (fastCallCheck(raw)) return consistent(toCallBody(raw as CreateCallRequestDto));
  const structural = checkStructure(raw);
  if (structural.length > 0) return { ok: false, errors: structural };
  const dto = plainToInstance(CreateCallRequestDto, raw);
  const errors = validateSync(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) return { ok: false, errors: flattenValidationErrors(errors) };
  return consistent(toCallBody(dto));
}

function consistent(body: CallBody): ValidatedCall {
  const problems = checkCallConsistency(body);
  return problems.length > 0 ? { ok: false, errors: problems } : { ok: true, body };
}

/**
 * What must be refused before class-transformer walks the value: nesting deep enough to exhaust
 * the stack, and keys it would drop without a word. Iterative, so it cannot overflow itself.
 */
export function checkStructure(raw: object): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: raw, path: '', depth: 0 },
  ];
  while (stack.length > 0 && errors.length < 20) {
    const { value, path, depth } = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (depth > MAX_DEPTH) {
      const field = path.split('.')[0];
      errors.push({
        path: field,
        message: `nested more than ${MAX_DEPTH} levels deep (at ${path})`,
      });
      continue;
    }
    for (const key of Object.keys(value)) {
      const child = path ? `${path}.${key}` : key;
      if (HIDDEN_KEYS.includes(key))
        errors.push({ path: child, message: `property ${key} should not exist` });
      else
        stack.push({
          value: (value as Record<string, unknown>)[key],
          path: child,
          depth: depth + 1,
        });
    }
  }
  return errors;
}
