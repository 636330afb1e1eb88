// Verifies an Amazon SNS message the way AWS documents it: the signing certificate must come over HTTPS from
// an SNS host of amazonaws.com (anyone can sign with a certificate of their own from elsewhere), and the
// signature (SHA1 for SignatureVersion 1, SHA256 for 2) must match the canonical string of the message's
// fields. Certificates are fetched through an injected function, and kept: AWS rotates them rarely.
import { createVerify, X509Certificate } from 'node:crypto';

export interface SnsMessage {
  Type: string;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  Signature: string;
  SignatureVersion: string;
  SigningCertURL: string;
  Subject?: string;
  SubscribeURL?: string;
  Token?: string;
}

export type FetchText = (url: string) => Promise<string>;

const SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/** Whether a URL is one AWS's SNS would send us to: HTTPS on an sns.<region>.amazonaws.com host. */
export function isSnsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && SNS_HOST.test(url.hostname) && url.port === '';
  } catch {
    return false;
  }
}

export function parseSnsMessage(body: unknown): SnsMessage | null {
  let value: unknown = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return null;
    }
  }
  if (!value || typeof value !== 'object') return null;
  const m = value as Record<string, unknown>;
  const strings = [
    'Type',
    'MessageId',
    'TopicArn',
    'Message',
    'Timestamp',
    'Signature',
    'SignatureVersion',
    'SigningCertURL',
  ];
  if (!strings.every((k) => typeof m[k] === 'string')) return null;
  for (const k of ['Subject', 'SubscribeURL', 'Token'])
    if (m[k] !== undefined && typeof m[k] !== 'string') return null;
  return m as unknown as SnsMessage;
}

/** The text SNS signed: the message's fields, in this order, each name and value on a line of its own. */
export function snsStringToSign(m: SnsMessage): string {
  const keys =
    m.Type === 'Notification'
      ? [
          'Message',
          'MessageId',
          ...(m.Subject !== undefined ? ['Subject'] : []),
          'Timestamp',
          'TopicArn',
          'Type',
        ]
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  return keys.map((k) => `${k}\n${(m as unknown as Record<string, string>)[k] ?? ''}\n`).join('');
}

export function snsVerifier(fetchText: FetchText) {
  const certificates = new Map<string, Promise<string>>();
  return async function verify(m: SnsMessage): Promise<boolean> {
    if (!isSnsUrl(m.SigningCertURL)) return false;
    const algorithm =
      m.SignatureVersion === '1' ? 'RSA-SHA1' : m.SignatureVersion === '2' ? 'RSA-SHA256' : null;
    if (!algorithm) return false;
    let pem = certificates.get(m.SigningCertURL);
    if (!pem) {
      pem = fetchText(m.SigningCertURL);
      certificates.set(m.SigningCertURL, pem);
      // A failed fetch is not kept: the next message tries again.
      pem.catch(() => certificates.delete(m.SigningCertURL));
    }
    try {
      const certificate = new X509Certificate(await pem);
      return createVerify(algorithm)
        .update(snsStringToSign(m), 'utf8')
        .verify(certificate.publicKey, m.Signature, 'base64');
    } catch {
      return false;
    }
  };
}

/** Fetches an AWS URL (a certificate, a subscription confirmation) as text, giving up after five seconds. */
export async function fetchAwsText(url: string): Promise<string> {
  if (!isSnsUrl(url)) throw new Error('not an SNS address');
  const response = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: 'error' });
  if (!response.ok) throw new Error(`SNS answered ${response.status}`);
  return response.text();
}
