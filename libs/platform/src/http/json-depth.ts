import type { IncomingMessage, ServerResponse } from 'node:http';

/** Deeper than any body the API takes (a scorecard is under ten levels); far below a stack overflow. */
export const MAX_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether a JSON text nests objects and arrays deeper than `max`, found in one pass without
 * parsing (brackets inside strings do not count). UTF-8 continuation bytes never equal these.
 */
export function jsonNestsDeeperThan(text: Uint8Array, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > max) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return false;
}

export class JsonTooDeepError extends Error {
  readonly status = 400;
  constructor(max = MAX_JSON_DEPTH) {
    super(`the JSON body nests deeper than ${max} levels`);
  }
}

/** body-parser `verify` hook: a too deep body is a 400 before it is parsed. */
export function verifyJsonDepth(_req: IncomingMessage, _res: ServerResponse, buf: Buffer): void {
  if (jsonNestsDeeperThan(buf)) throw new JsonTooDeepError();
}
