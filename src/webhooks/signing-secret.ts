// An endpoint's signing secret as Standard Webhooks writes it: "whsec_" and 24 random bytes in base64. It
// is kept as it is (an HMAC key cannot be hashed), shown only to admins, and replaced by rotating it.
import { randomBytes } from 'node:crypto';

export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}
