import { ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { isValidIsoDate } from '../../calendar/domain/oslo-time';

@ValidatorConstraint({ name: 'isIsoDate' })
export class IsIsoDateConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidIsoDate(value);
  }

  defaultMessage(): string {
    return '$property must be a calendar date as yyyy-MM-dd';
  }
}
