import { ParseUUIDPipe } from '@nestjs/common';
import { InvalidInputError } from '../errors/domain-errors';
import { RuleCode, ruleMessage } from '../messages/rule-message';

// Path ids are UUIDs; anything else is a 400 with a clear message rather than a database error.
export const UuidParam = new ParseUUIDPipe({
  version: undefined,
  exceptionFactory: () => new InvalidInputError(ruleMessage(RuleCode.PATH_ID_NOT_UUID)),
});
