import { Matches, ValidationOptions } from 'class-validator';

/**
 * A password never travels in plaintext between services: it is sealed to the public key
 * that identity publishes (`identity.sealing-key.get.v1`) and only identity can open it.
 *
 * Format: `sealed.v1.<keyId>.<ephemeralPublicKey>.<iv>.<ciphertext>.<tag>`, each part
 * base64url. X25519 key agreement, HKDF-SHA256, AES-256-GCM (see @app/platform sealed-box).
 */
export const SEALED_SECRET_PATTERN =
  /^sealed\.v1\.[0-9a-f]{16}\.[A-Za-z0-9_-]{43,64}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{0,6000}\.[A-Za-z0-9_-]{22}$/;

export function IsSealedSecret(options?: ValidationOptions): PropertyDecorator {
  return Matches(SEALED_SECRET_PATTERN, {
    message: '$property must be a sealed secret (sealed.v1...)',
    ...options,
  });
}
