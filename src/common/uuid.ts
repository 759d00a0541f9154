const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a UUID in its canonical text form (any version): ids from outside, before SQL sees them. */
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
