import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { RuleCode, RuleMessage, ruleMessage } from '../../common/messages/rule-message';

type Ctor<T> = new () => T;

/** A form's fields as strings (repeated fields: the last value; anything else: undefined). */
export function field(body: unknown, name: string): string | undefined {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(v)) return typeof v[v.length - 1] === 'string' ? (v[v.length - 1] as string) : undefined;
  return typeof v === 'string' ? v : undefined;
}

/**
 * Validates plain values with the API's own DTO class (the same class-validator rules as the API),
 * so the pages cannot accept what the API would refuse. Returns the instance or the messages.
 */
export function validateAs<T extends object>(
  cls: Ctor<T>,
  plain: Record<string, unknown>,
): { value: T; errors: []; reason?: undefined } | { value?: undefined; errors: string[]; reason: RuleMessage } {
  const value = plainToInstance(cls, plain);
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length === 0) return { value, errors: [] };
  return { errors: flatten(errors), reason: ruleMessage(RuleCode.INVALID_FIELDS, { fields: coded(errors) }) };
}

/** The fields of a form the DTO refused (INVALID_FIELDS), as the API's details `[{ field, messages }]` with each broken constraint's name. */
export function invalidFields(reason: RuleMessage): Array<{ field: string; messages: string[] }> {
  const fields = (reason.params.fields ?? []) as unknown as Array<{ field: string; constraint: string }>;
  return fields.map((f) => ({ field: f.field, messages: [f.constraint] }));
}

// Each broken constraint by name, so the page can say it in its language (rule.constraint.<name>).
const KNOWN_CONSTRAINTS = new Set([
  'isUuid',
  'isNotEmpty',
  'isString',
  'isIn',
  'isEnum',
  'isInt',
  'min',
  'max',
  'maxLength',
  'minLength',
  'isDefined',
  'whitelistValidation',
]);

function coded(errors: ValidationError[], prefix = ''): Array<{ field: string; constraint: string }> {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    return [
      ...Object.keys(e.constraints ?? {}).map((name) => ({ field, constraint: KNOWN_CONSTRAINTS.has(name) ? name : 'OTHER' })),
      ...coded(e.children ?? [], field),
    ];
  });
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => (prefix ? `${prefix}.${m}` : m)),
    ...flatten(e.children ?? [], prefix ? `${prefix}.${e.property}` : e.property),
  ]);
}
