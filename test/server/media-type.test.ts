import { expect, test } from 'vitest';
import { MediaTypeError, mediaType } from '../../src/server/media-type.js';

test.each([
  ['application/merge-patch+json', 'application/merge-patch+json'],
  ['Application/JSON; charset=utf-8', 'application/json'],
  ['text', 'text'],
])('%s → %s', (header, type) => {
  expect(mediaType(header)).toBe(type);
});

test.each([
  ['', 'mime: no media type'],
  ['/json', 'mime: no media type'],
  ['text json', 'mime: expected slash after first token'],
  ['text/', 'mime: expected token after slash'],
  ['text/plain extra', 'mime: unexpected content after media subtype'],
])('%j fails with %s', (header, message) => {
  expect(() => mediaType(header)).toThrow(new MediaTypeError(message));
});
