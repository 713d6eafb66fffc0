import { Secret } from './config';
import { kafkaSecurityOptions } from './connections';

describe('kafkaSecurityOptions', () => {
  const noFile = (file: string): string => {
    throw new Error(`read ${file}`);
  };

  it('adds nothing for a plaintext broker without SASL (the local stack)', () => {
    expect(kafkaSecurityOptions({ tls: null, sasl: null }, noFile)).toEqual({});
  });

  it('trusts the given CA and authenticates with SCRAM (Strimzi tls listener)', () => {
    const read: string[] = [];
    const options = kafkaSecurityOptions(
      { tls: { caFile: '/etc/steward/kafka-ca/ca.crt' }, sasl: { mechanism: 'scram-sha-512', username: 'steward-tickets', password: new Secret('pw') } },
      (file) => {
        read.push(file);
        return '-----BEGIN CERTIFICATE-----';
      },
    );
    expect(read).toEqual(['/etc/steward/kafka-ca/ca.crt']);
    expect(options).toEqual({
      ssl: { ca: ['-----BEGIN CERTIFICATE-----'] },
      sasl: { mechanism: 'scram-sha-512', username: 'steward-tickets', password: 'pw' },
    });
  });

  it("uses the system's CAs when TLS is on without a CA file", () => {
    expect(kafkaSecurityOptions({ tls: {}, sasl: null }, noFile)).toEqual({ ssl: true });
  });
});
