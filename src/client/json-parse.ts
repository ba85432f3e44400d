import { GoJsonSyntaxError, parseGoJson } from '../gocompat/json-parse.js';
import type { JsonValue } from '../gocompat/json-value.js';
import { InvalidResponseError } from './errors.js';

/** A response body as a JsonValue; bad JSON is an InvalidResponseError with Go's wording. */
export function parseJson(text: string): JsonValue {
  try {
    return parseGoJson(text);
  } catch (error) {
    if (error instanceof GoJsonSyntaxError)
      throw new InvalidResponseError(error.message, { cause: error.cause });
    throw error;
  }
}
