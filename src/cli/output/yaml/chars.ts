/** libyaml's character classes (yamlprivateh.go), on code points instead of UTF-8 bytes. */
export const isBreak = (cp: number | undefined): boolean =>
  cp === 0x0d || cp === 0x0a || cp === 0x85 || cp === 0x2028 || cp === 0x2029;

export const isSpace = (cp: number | undefined): boolean => cp === 0x20;

export const isBlank = (cp: number | undefined): boolean => cp === 0x20 || cp === 0x09;

export const isBlankz = (cp: number | undefined): boolean => isBlank(cp) || isBreak(cp) || cp === 0;

/** `is_printable`: LF, 0x20-0x7E, 0xA0-0xD7FF, 0xE000-0xFFFD except the BOM; nothing astral. */
export const isPrintable = (cp: number): boolean =>
  cp === 0x0a ||
  (cp >= 0x20 && cp <= 0x7e) ||
  (cp >= 0xa0 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);

export const codePoints = (s: string): number[] => Array.from(s, (ch) => ch.codePointAt(0) ?? 0);
