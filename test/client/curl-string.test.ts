import { afterEach, describe, expect, test } from 'vitest';
import { buildCurlString, canonicalHeaderKey } from '../../src/client/curl-string.js';
import { HttpClient } from '../../src/client/http.js';

const clients: HttpClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

describe('-output-curl-string', () => {
  test('matches Vault for a write: token hidden, body quoted, URL quoted', () => {
    const client = new HttpClient({ address: 'http://127.0.0.1:8200', token: 's.secret' });
    clients.push(client);
    expect(client.toCurlString({ method: 'PUT', path: 'kv/secret_name', body: { key: 'value' } })).toBe(
      `curl -X PUT -H "X-Vault-Request: true" -H "X-Vault-Token: $(vault print token)" -d '{"key":"value"}' "http://127.0.0.1:8200/v1/kv/secret_name"`,
    );
  });

  test('GET has no -X; TLS files, namespace, extra headers and list query appear', () => {
    const client = new HttpClient({
      address: 'https://vault:8200',
      tlsSkipVerify: true,
      namespace: '/team',
    });
    clients.push(client);
    const curl = client.toCurlString({
      method: 'GET',
      path: 'secret/metadata/',
      query: { list: 'true' },
      headers: { 'x-vault-wrap-ttl': '5m' },
    });
    expect(curl).toBe(
      'curl --insecure -H "X-Vault-Request: true" -H "X-Vault-Namespace: team/" -H "X-Vault-Wrap-Ttl: 5m" "https://vault:8200/v1/secret/metadata?list=true"',
    );
  });

  test('file options are single-quoted with quotes escaped', () => {
    const curl = buildCurlString(
      { method: 'PUT', url: 'https://h/v1/x', headers: [['X-Vault-Request', 'true']], body: `{"a":"b'c"}` },
      { caCert: "/ca's.pem", caPath: '/cas', clientCert: '/c.pem', clientKey: '/k.pem' },
    );
    expect(curl).toBe(
      `curl -X PUT --cacert '/ca'"'"'s.pem' --capath '/cas' --cert '/c.pem' --key '/k.pem' -H "X-Vault-Request: true" -d '{"a":"b'"'"'c"}' "https://h/v1/x"`,
    );
  });

  test('header names are canonicalised as Go does', () => {
    expect(canonicalHeaderKey('x-vault-wrap-ttl')).toBe('X-Vault-Wrap-Ttl');
    expect(canonicalHeaderKey('content-type')).toBe('Content-Type');
  });
});
