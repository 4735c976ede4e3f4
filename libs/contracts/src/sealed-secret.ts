import { Matches, ValidationOptions } from 'class-validator';

/**
 * A password never travels in plaintext between services: it is sealed to the public key
 * that identity publishes (`identity.sealing-key.get.v1`) and only identity can open it.
 *
 * The scheme is HPKE (RFC 9180), base mode, suite DHKEM(X25519, HKDF-SHA256) (KEM 0x0020),
 * HKDF-SHA256 (KDF 0x0001), AES-256-GCM (AEAD 0x0002): any HPKE library seals with
 * `SealBase(pkR, info, aad, password)` where `pkR` is the key's 32 raw bytes, `info` is
 * `SEALED_SECRET_INFO` and `aad` is `SEALED_SECRET_AAD(keyId)`, both UTF-8.
 *
 * Format: `hpke.<keyId>.<enc>.<ciphertext>`: the key id (16 hex digits) as published, the
 * 32-byte encapsulated key and the ciphertext (with its 16-byte tag), each base64url
 * without padding.
 */
export const SEALED_SECRET_PATTERN =
  /^hpke\.[0-9a-f]{16}\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{22,6000}$/;

/** HPKE `info` of every sealed secret and file. */
export const SEALED_SECRET_INFO = 'rescue-admin-center sealed secret';

/** HPKE `aad`: the key id, so a box cannot be presented as sealed to another key. */
export const SEALED_SECRET_AAD = (keyId: string): string => `key ${keyId}`;

/** The suite's identifiers, as RFC 9180 numbers them and as the sealing-key reply names them. */
export interface SealingSuite {
  mode: 'base';
  kem: 'DHKEM(X25519, HKDF-SHA256)';
  /** 0x0020 */
  kemId: 32;
  kdf: 'HKDF-SHA256';
  /** 0x0001 */
  kdfId: 1;
  aead: 'AES-256-GCM';
  /** 0x0002 */
  aeadId: 2;
  /** HPKE `info`, UTF-8. */
  info: string;
  /** How the HPKE `aad` is made from the key id, UTF-8. */
  aad: string;
}

export const SEALING_SUITE: SealingSuite = {
  mode: 'base',
  kem: 'DHKEM(X25519, HKDF-SHA256)',
  kemId: 0x0020,
  kdf: 'HKDF-SHA256',
  kdfId: 0x0001,
  aead: 'AES-256-GCM',
  aeadId: 0x0002,
  info: SEALED_SECRET_INFO,
  aad: 'key <keyId>',
};

export function IsSealedSecret(options?: ValidationOptions): PropertyDecorator {
  return Matches(SEALED_SECRET_PATTERN, {
    message: '$property must be a sealed secret (hpke.<keyId>.<enc>.<ciphertext>)',
    ...options,
  });
}
