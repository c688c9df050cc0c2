import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ValidationProblem } from '../errors/problems';

/** A UUID path parameter; anything else is a 400 naming the parameter (never a 500 from the database). */
export const IdParam = (name = 'id') =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new ValidationProblem([{ field: name, message: `${name} must be a UUID` }]) }));
