import { generate } from 'selfsigned';

/** A signing key and its self-signed certificate, made fresh for each test identity provider. */
export interface SigningKey {
  privateKey: string;
  certificate: string;
}

export async function newSigningKey(commonName: string): Promise<SigningKey> {
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 2 * 24 * 3600_000),
    algorithm: 'sha256',
  });
  return { privateKey: pems.private, certificate: pems.cert };
}

/** The base64 DER body of a PEM certificate, as SAML metadata carries it. */
export function certificateBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, '');
}
