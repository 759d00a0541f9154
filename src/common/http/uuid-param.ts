import { ParseUUIDPipe } from '@nestjs/common';
import { InvalidInputError } from '../errors/domain-errors';

// Path ids are UUIDs; anything else is a 400 with a clear message rather than a database error.
export const UuidParam = new ParseUUIDPipe({
  version: undefined,
  exceptionFactory: () => new InvalidInputError('The id in the path must be a UUID'),
});
