import { ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from './validation';

describe(flattenValidationErrors.name, () => {
  it('turns nested errors into dotted paths with every message', () => {
    const errors: ValidationError[] = [
      {
        property: 'direction',
        constraints: { isIn: 'direction must be inbound or outbound' },
        children: [],
      },
      {
        property: 'segments',
        children: [
          {
            property: '0',
            children: [
              {
                property: 'text',
                constraints: { isString: 'text must be a string', maxLength: 'too long' },
                children: [],
              },
            ],
          },
        ],
      },
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { path: 'direction', message: 'direction must be inbound or outbound' },
      { path: 'segments.0.text', message: 'text must be a string' },
      { path: 'segments.0.text', message: 'too long' },
    ]);
  });
});
