import { describe, expect, test } from 'vitest';
import { ClientConfigError } from '../../src/client/errors.js';
import { httpOptionsFromEnv } from '../../src/client/http-options.js';

describe('VAULT_* environment', () => {
  test('reads the transport variables; VAULT_AGENT_ADDR wins over VAULT_ADDR', () => {
    expect(
      httpOptionsFromEnv({
        VAULT_ADDR: 'http://a:8200',
        VAULT_AGENT_ADDR: 'http://agent:8100',
        VAULT_CACERT: '/ca.pem',
        VAULT_CAPATH: '/cas',
        VAULT_CLIENT_CERT: '/c.pem',
        VAULT_CLIENT_KEY: '/k.pem',
        VAULT_SKIP_VERIFY: 'true',
        VAULT_TLS_SERVER_NAME: 'vault.local',
        VAULT_CLIENT_TIMEOUT: '1m30s',
        VAULT_MAX_RETRIES: '5',
        VAULT_NAMESPACE: 'ns1',
        VAULT_DISABLE_REDIRECTS: '1',
      }),
    ).toEqual({
      address: 'http://agent:8100',
      caCert: '/ca.pem',
      caPath: '/cas',
      clientCert: '/c.pem',
      clientKey: '/k.pem',
      tlsSkipVerify: true,
      tlsServerName: 'vault.local',
      timeoutMs: 90_000,
      maxRetries: 5,
      namespace: 'ns1',
      disableRedirects: true,
    });
    expect(httpOptionsFromEnv({ VAULT_ADDR: '', VAULT_CLIENT_TIMEOUT: '30' })).toEqual({ timeoutMs: 30_000 });
    expect(httpOptionsFromEnv({ VAULT_CLIENT_TIMEOUT: '250ms' })).toEqual({ timeoutMs: 250 });
  });

  test("bad values fail with Vault's wording", () => {
    expect(() => httpOptionsFromEnv({ VAULT_CLIENT_TIMEOUT: 'soon' })).toThrow(
      new ClientConfigError('could not parse "VAULT_CLIENT_TIMEOUT"'),
    );
    expect(() => httpOptionsFromEnv({ VAULT_SKIP_VERIFY: 'yes' })).toThrow(
      'could not parse VAULT_SKIP_VERIFY',
    );
    expect(() => httpOptionsFromEnv({ VAULT_MAX_RETRIES: '-1' })).toThrow(
      'strconv.ParseUint: parsing "-1": invalid syntax',
    );
  });
});
