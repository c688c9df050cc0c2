import { ValidationError } from '@nestjs/common';
import { FieldError, ValidationProblem } from './problems';

/** Flattens class-validator's tree into `field` paths a client can point at (`family[0].fullName`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function validationExceptionFactory(errors: ValidationError[]): ValidationProblem {
  return new ValidationProblem(flattenValidationErrors(errors));
}
