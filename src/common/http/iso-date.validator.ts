import { ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { describeWindow, isIsoDateWithin, PLANNING_YEARS, YearWindow } from './date-window';

const windowOf = (args?: ValidationArguments): YearWindow => (args?.constraints?.[0] as YearWindow | undefined) ?? PLANNING_YEARS;

/**
 * A calendar date as yyyy-MM-dd within the planning years (2000–2100); pass another window as the
 * constraint, e.g. `@Validate(IsIsoDateConstraint, [LIFE_YEARS])` for a date of birth.
 */
@ValidatorConstraint({ name: 'isIsoDate' })
export class IsIsoDateConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args?: ValidationArguments): boolean {
    return isIsoDateWithin(value, windowOf(args));
  }

  defaultMessage(args?: ValidationArguments): string {
    return `$property must be a calendar date as yyyy-MM-dd ${describeWindow(windowOf(args))}`;
  }
}
