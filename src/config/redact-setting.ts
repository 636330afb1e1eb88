// What an error line may show of a setting's value: a wrong setting is quoted back to the operator, and the
// line goes to logs and terminals, so secrets and the passwords in addresses are masked here, in one place.

const SECRETS = new Set([
  'APP_SECRET',
  'STRIPE_WEBHOOK_SECRET',
  'STRIPE_SECRET_KEY',
  'METRICS_TOKEN',
  'AWS_SECRET_ACCESS_KEY',
  'CLOUDFLARE_API_TOKEN',
  'FASTLY_API_TOKEN',
]);

/** The value as it may be printed: a secret as ***, an address with its password as ***. */
export function redactSetting(key: string, value: string): string {
  if (SECRETS.has(key)) return '***';
  // A wrong URL may carry a password; the error line must not print it.
  if (!key.endsWith('_URL') && key !== 'S3_ENDPOINT') return value;
  return value.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
