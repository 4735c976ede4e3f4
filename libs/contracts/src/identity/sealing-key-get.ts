/** Request `identity.sealing-key.get.v1` with `{}`. Reply: the public key every password is sealed to. */
export interface SealingKeyReply {
  keyId: string;
  /** X25519 public key, SPKI DER, base64url. */
  publicKey: string;
  algorithm: 'x25519-hkdf-sha256-aes-256-gcm';
}
