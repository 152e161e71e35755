import type { FieldError } from '@qa/platform';
import { flattenValidationErrors } from '@qa/platform';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { checkCallConsistency } from './call-consistency';
import { toCallBody } from './calls.mapper';
import { fastCallCheck } from './fast-call-check';
import type { CallBody } from './calls.types';
import { CreateCallRequestDto } from './dto/create-call.request.dto';

export type ValidatedCall = { ok: true; body: CallBody } | { ok: false; errors: FieldError[] };

/** The same checks as the HTTP pipe, for batch items, raw Kafka calls and CDR imports. */
export function validateCallPayload(raw: unknown): ValidatedCall {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: [{ path: '', message: 'a call must be a JSON object' }] };
  }
  if (fastCallCheck(raw)) return consistent(toCallBody(raw as CreateCallRequestDto));
  const dto = plainToInstance(CreateCallRequestDto, raw);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) return { ok: false, errors: flattenValidationErrors(errors) };
  return consistent(toCallBody(dto));
}

function consistent(body: CallBody): ValidatedCall {
  const problems = checkCallConsistency(body);
  return problems.length > 0 ? { ok: false, errors: problems } : { ok: true, body };
}
