/**
 * How deep arrays and objects may nest in a JSON body. Our DTOs nest two or three levels; class-transformer
 * walks a body recursively, so a few thousand levels overflow its stack (a 500 after a second or more of
 * blocked event loop). The raw text is checked before it is parsed.
 */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Whether JSON text nests arrays/objects deeper than `limit`: one linear scan without recursion, stopping at the
 * first level too deep. Brackets inside strings do not count. Malformed text is left for JSON.parse to refuse.
 * `code(i)` is the i-th UTF-16 unit or byte: in UTF-8 every byte of a multi-byte character is ≥ 0x80, so the
 * ASCII punctuation we look for can be read straight from the bytes.
 */
export function nestsDeeperThan(length: number, code: (i: number) => number, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < length; i++) {
    const c = code(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}

export function jsonTextNestsDeeperThan(text: string, limit: number): boolean {
  return nestsDeeperThan(text.length, (i) => text.charCodeAt(i), limit);
}

/** A body-parser error (status and `expose` as body-parser's own), mapped to a 400 by the global filter. */
export class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly expose = true;
  readonly type = 'entity.too.deep';
  constructor(readonly limit: number) {
    super(`Request body nests more than ${limit} levels deep`);
  }
}

/** body-parser's `verify` hook for JSON: refuses a body nested deeper than `limit` before it is parsed. */
export function verifyJsonDepth(limit = MAX_JSON_DEPTH): (req: unknown, res: unknown, buf: Buffer, encoding: string) => void {
  return (_req, _res, buf, encoding) => {
    const utf8 = !encoding || /^utf-?8$/i.test(encoding);
    const tooDeep = utf8
      ? nestsDeeperThan(buf.length, (i) => buf[i], limit)
      : jsonTextNestsDeeperThan(new TextDecoder(encoding).decode(buf), limit);
    if (tooDeep) throw new JsonTooDeepError(limit);
  };
}
