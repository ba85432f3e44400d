import { describe, expect, test } from 'vitest';
import { ClientConfigError } from '../../src/client/errors.js';
import {
  dialAddress,
  encodeGoQuery,
  escapeGoPath,
  joinGoPath,
  parseAddress,
  wireTarget,
} from '../../src/client/request-url.js';

describe('request URLs as Go builds them', () => {
  test('path.Join cleans slashes, dots and the trailing slash', () => {
    expect(joinGoPath('', '/v1/secret/metadata/')).toBe('/v1/secret/metadata');
    expect(joinGoPath('/prefix/', '/v1//a/./b/../c')).toBe('/prefix/v1/a/c');
    expect(joinGoPath('', '/v1/../../x')).toBe('/x');
  });

  test('escapes paths as URL.EscapedPath and queries as Values.Encode', () => {
    expect(escapeGoPath('/v1/secret/data/a b?c#d%é')).toBe('/v1/secret/data/a%20b%3Fc%23d%25%C3%A9');
    expect(escapeGoPath("/v1/$&+,:;=@-_.~!'()*")).toBe('/v1/$&+,:;=@-_.~%21%27%28%29%2A');
    expect(encodeGoQuery({ list: 'true', b: ['2', '1'], 'a b': 'x&y=z' })).toBe(
      'a+b=x%26y%3Dz&b=2&b=1&list=true',
    );
  });

  test('wireTarget joins the address path and shows the URL as Go prints it', () => {
    const address = parseAddress('https://vault.example.com:443/base');
    expect(wireTarget(address, 'secret/metadata/', { list: 'true' })).toEqual({
      target: '/base/v1/secret/metadata?list=true',
      url: 'https://vault.example.com:443/base/v1/secret/metadata?list=true',
    });
  });

  test('parses unix sockets and reports the dial address', () => {
    const unix = parseAddress('unix:///run/vault.sock');
    expect(unix).toEqual({
      scheme: 'http',
      authority: 'localhost',
      basePath: '',
      socketPath: '/run/vault.sock',
    });
    expect(wireTarget(unix, 'sys/health').url).toBe('http://localhost/v1/sys/health');
    expect(dialAddress(parseAddress('https://127.0.0.1'))).toBe('127.0.0.1:443');
    expect(dialAddress(parseAddress('http://[::1]'))).toBe('[::1]:80');
    expect(dialAddress(parseAddress('http://[::1]:8200'))).toBe('[::1]:8200');
  });

  test('an address without a scheme is refused', () => {
    expect(() => parseAddress('127.0.0.1:8200')).toThrow(ClientConfigError);
  });
});
