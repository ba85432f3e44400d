import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import {
  PasswordReadError,
  readPassword,
  type TerminalInput,
} from '../../src/cli/commands/operator/password-prompt.js';
import { decodeRootToken, generateOtp } from '../../src/cli/commands/operator/root-token-otp.js';
import { encodeToken } from '../../src/core/generate-root.js';

describe('generate-root OTPs, as Vault’s CLI makes and uses them', () => {
  test('an OTP of the server’s length is base62; length 0 means 16 random bytes in base64', async () => {
    expect(await generateOtp(28)).toMatch(/^[0-9A-Za-z]{28}$/);
    expect(Buffer.from(await generateOtp(0), 'base64')).toHaveLength(16);
  });

  test('decode inverts the server’s encoding', async () => {
    const otp = await generateOtp(28);
    const token = 'hvs.ABCDEFGHIJKLMNOPQRSTUVWX';
    expect(decodeRootToken(encodeToken(token, otp), otp, 28)).toEqual({ token });
  });

  test('Vault’s messages for bad input', () => {
    expect(decodeRootToken('abc=', 'x', 28)).toEqual({
      error: "Error decoding base64'd token: illegal base64 data at input byte 3",
    });
    expect(decodeRootToken('QUJD', 'xy', 28)).toEqual({
      error: 'Error xoring token: length of byte slices is not equivalent: 3 != 2',
    });
  });

  test('legacy servers (otp_length 0): XOR of two base64 values, printed as a UUID', () => {
    const otp = Buffer.alloc(16, 1).toString('base64');
    const encoded = Buffer.from(Array.from({ length: 16 }, (_, i) => i ^ 1)).toString('base64');
    expect(decodeRootToken(encoded, otp, 0)).toEqual({ token: '00010203-0405-0607-0809-0a0b0c0d0e0f' });
    expect(decodeRootToken('QUJD', 'QUJD', 0)).toEqual({
      error: 'Error formatting base64 token value: wrong length byte slice (3)',
    });
  });
});

/** A stand-in for a terminal: raw mode is recorded, bytes are typed in. */
function fakeTerminal(isTTY: boolean): PassThrough & TerminalInput & { modes: boolean[] } {
  const stream = new PassThrough() as PassThrough & TerminalInput & { modes: boolean[]; isTTY: boolean };
  stream.modes = [];
  stream.isTTY = isTTY;
  stream.setRawMode = (mode: boolean) => stream.modes.push(mode);
  return stream;
}

describe('reading a hidden line (go-secure-stdlib password.Read)', () => {
  test('raw mode on, the line up to CR, raw mode off', async () => {
    const tty = fakeTerminal(true);
    const line = readPassword(tty);
    tty.write('s3cr');
    tty.write('et\rignored');
    await expect(line).resolves.toBe('s3cret');
    expect(tty.modes).toEqual([true, false]);
  });

  test('iTerm’s leading delete is dropped; Ctrl-C is "interrupted"', async () => {
    const a = fakeTerminal(true);
    const first = readPassword(a);
    a.write('\x20\x7fkey\n');
    await expect(first).resolves.toBe('key');
    const b = fakeTerminal(true);
    const second = readPassword(b);
    b.write('ke\x03');
    await expect(second).rejects.toMatchObject({ message: 'interrupted', interrupted: true });
    expect(b.modes).toEqual([true, false]);
  });

  test('not a terminal: Go’s error, nothing read', async () => {
    await expect(readPassword(fakeTerminal(false))).rejects.toEqual(
      new PasswordReadError('file descriptor 0 is not a terminal', false),
    );
  });
});
