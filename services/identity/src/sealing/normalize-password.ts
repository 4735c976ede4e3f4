/**
 * Passwords are handled in Unicode NFC everywhere (checked, hashed, verified), so that the
 * same password typed on another keyboard or system, composed differently, is the same.
 * Applied where a password enters identity: when its box is opened.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFC');
}
