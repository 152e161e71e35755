import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import { PROBLEM_JSON } from './problem-details';

export class FieldErrorDto {
  @ApiProperty() path!: string;
  @ApiProperty() message!: string;
}

/** RFC 9457 problem details as the filter sends them. */
export class ProblemResponseDto {
  @ApiProperty({ example: 'about:blank' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional({ description: 'a domain error code' }) code?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

/** Documents error answers of an operation as application/problem+json. */
export function ApiProblems(responses: Record<number, string>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemResponseDto),
    ...Object.entries(responses).map(([status, description]) =>
      ApiResponse({
        status: Number(status),
        description,
        content: {
          [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/ProblemResponseDto' } },
        },
      }),
    ),
  );
}

const BODY_PROBLEMS: Record<string, string> = {
  '400': 'the body is not valid JSON, or fails validation (each field named)',
  '413': 'the body is larger than the service accepts',
  '415': 'the body has a charset or content encoding the service does not read',
};

/**
 * Every operation that takes a body may get the body parser's refusals, whatever its handler
 * says; the operation's own descriptions win.
 */
export function withBodyProblems(doc: OpenAPIObject): OpenAPIObject {
  const problem = { $ref: '#/components/schemas/ProblemResponseDto' };
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item) as OperationObject[]) {
      if (!op?.requestBody || !op.responses) continue;
      for (const [status, description] of Object.entries(BODY_PROBLEMS)) {
        op.responses[status] ??= { description, content: { [PROBLEM_JSON]: { schema: problem } } };
      }
    }
  }
  return doc;
}
