import { ValidationError } from '@nestjs/common';
import { FieldError, ValidationProblem } from './problems';

/**
 * Whether a property name a client sent may be named back in an error: an identifier. Anything else
 * may be a value sent where a name belongs (a password, a token), which no error may echo.
 */
export function isEchoableName(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/.test(name);
}

/** Flattens class-validator's tree into `field` paths a client can point at (`family[0].fullName`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const index = /^\d+$/.test(error.property);
    if (!index && !isEchoableName(error.property)) return [{ field: parent || '(body)', message: 'an unexpected property is present' }];
    const field = index ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) => ({ field, message, code }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function validationExceptionFactory(errors: ValidationError[]): ValidationProblem {
  return new ValidationProblem(flattenValidationErrors(errors));
}
