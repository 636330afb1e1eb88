// The email services' bounce and complaint webhooks through the app, on both databases. SNS messages are
// signed here with a local key whose certificate the injected fetcher serves as if from AWS; forged,
// altered, off-AWS and unsigned messages are refused and record nothing. Postmark proves itself with the
// shared secret in basic auth.
import { execFileSync } from 'node:child_process';
import { createSign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStorage, testDatabases } from '../../../test/support/databases.js';
import { SOFT_BOUNCE_LIMIT, suppressionOf } from '../suppression.js';
import { bounceWebhookRoutes } from './bounce-webhooks.js';
import { type SnsMessage, snsStringToSign } from './sns-signature.js';

const CERT_URL = 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ses-bounces';
const POSTMARK_SECRET = 'postmark-webhook-secret-0123';

function makeKey(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sns-key-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=sns.amazonaws.com',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(testDatabases)('bounce webhooks on $name', (database) => {
  let storage: TestStorage;
  let app: FastifyInstance;
  let key: string;
  let cert: string;
  const fetched: string[] = [];

  beforeAll(async () => {
    ({ key, cert } = makeKey());
    storage = await database.open();
    app = Fastify();
    await app.register(
      bounceWebhookRoutes({
        db: storage.db,
        clock: () => new Date('2026-12-01T10:00:00Z'),
        fetchText: async (url) => {
          fetched.push(url);
          if (url === CERT_URL) return cert;
          if (url.startsWith('https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription'))
            return '<ok/>';
          throw new Error(`unexpected fetch of ${url}`);
        },
        snsTopics: [TOPIC],
        postmarkSecret: POSTMARK_SECRET,
      }),
    );
  });
  afterAll(async () => {
    await app.close();
    await storage.cleanup();
  });

  let n = 0;
  function signed(fields: Partial<SnsMessage> & { Message: string }, version = '1'): SnsMessage {
    const message: SnsMessage = {
      Type: 'Notification',
      MessageId: `m-${++n}`,
      TopicArn: TOPIC,
      Timestamp: '2026-12-01T10:00:00.000Z',
      SignatureVersion: version,
      SigningCertURL: CERT_URL,
      Signature: '',
      ...fields,
    };
    message.Signature = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256')
      .update(snsStringToSign(message))
      .sign(key, 'base64');
    return message;
  }
  const ses = (message: SnsMessage) =>
    app.inject({
      method: 'POST',
      url: '/newsletters/webhooks/ses',
      // SNS sends JSON labelled as plain text.
      headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': message.Type },
      payload: JSON.stringify(message),
    });
  const bounce = (email: string, bounceType: string) =>
    JSON.stringify({
      notificationType: 'Bounce',
      bounce: { bounceType, bouncedRecipients: [{ emailAddress: email }] },
    });

  it('suppresses at once an address SES reports as bounced for good, and one that complained', async () => {
    expect((await ses(signed({ Message: bounce('hard@example.org', 'Permanent') }))).statusCode).toBe(200);
    expect(await suppressionOf(storage.db, 'hard@example.org')).toBe('bounced');
    const complaint = JSON.stringify({
      notificationType: 'Complaint',
      complaint: { complainedRecipients: [{ emailAddress: 'angry@example.org' }] },
    });
    expect(
      (await ses(signed({ Message: complaint, Subject: 'Amazon SES Email Event' }, '2'))).statusCode,
    ).toBe(200);
    expect(await suppressionOf(storage.db, 'angry@example.org')).toBe('complained');
  });

  it('suppresses after repeated soft bounces, not at the first', async () => {
    await storage.db
      .insertInto('newsletter_subscribers')
      .values({ email: 'full@example.org', created_at: '2026-12-01T10:00:00Z' })
      .execute();
    for (let i = 1; i <= SOFT_BOUNCE_LIMIT; i++) {
      expect(await suppressionOf(storage.db, 'full@example.org')).toBeNull();
      await ses(signed({ Message: bounce('full@example.org', 'Transient') }));
    }
    expect(await suppressionOf(storage.db, 'full@example.org')).toBe('soft-bounces');
  });

  it('refuses a forged or altered message, a certificate off AWS, another topic, and records nothing', async () => {
    const good = signed({ Message: bounce('victim@example.org', 'Permanent') });
    const altered = { ...good, Message: bounce('other@example.org', 'Permanent') };
    expect((await ses(altered)).statusCode).toBe(401);
    const forged = { ...good, Signature: Buffer.from('nope').toString('base64') };
    expect((await ses(forged)).statusCode).toBe(401);
    const offAws = signed({
      Message: bounce('victim@example.org', 'Permanent'),
      SigningCertURL: 'https://sns.eu-west-1.amazonaws.com.evil.test/c.pem',
    });
    expect((await ses(offAws)).statusCode).toBe(401);
    const plainHttp = signed({
      Message: bounce('victim@example.org', 'Permanent'),
      SigningCertURL: CERT_URL.replace('https:', 'http:'),
    });
    expect((await ses(plainHttp)).statusCode).toBe(401);
    const otherTopic = signed({
      Message: bounce('victim@example.org', 'Permanent'),
      TopicArn: 'arn:aws:sns:eu-west-1:1:other',
    });
    expect((await ses(otherTopic)).statusCode).toBe(403);
    const garbage = await app.inject({
      method: 'POST',
      url: '/newsletters/webhooks/ses',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(garbage.statusCode).toBe(400);
    expect(await suppressionOf(storage.db, 'victim@example.org')).toBeNull();
    expect(await suppressionOf(storage.db, 'other@example.org')).toBeNull();
    expect(fetched.every((url) => url.startsWith('https://sns.eu-west-1.amazonaws.com/'))).toBe(true);
  });

  it('confirms the SNS subscription by visiting AWS’s address once the message verifies', async () => {
    const subscribeUrl = `https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC}&Token=abc`;
    const response = await ses(
      signed({
        Type: 'SubscriptionConfirmation',
        Message: 'confirm',
        SubscribeURL: subscribeUrl,
        Token: 'abc',
      }),
    );
    expect(response.statusCode).toBe(200);
    expect(fetched).toContain(subscribeUrl);
  });

  it('takes Postmark bounces and complaints with the secret, and nothing without it', async () => {
    const postmark = (body: object, password: string | null) =>
      app.inject({
        method: 'POST',
        url: '/newsletters/webhooks/postmark',
        headers:
          password === null
            ? {}
            : { authorization: `Basic ${Buffer.from(`postmark:${password}`).toString('base64')}` },
        payload: body,
      });
    const hard = { RecordType: 'Bounce', Type: 'HardBounce', Email: 'pm-hard@example.org' };
    expect((await postmark(hard, null)).statusCode).toBe(401);
    expect((await postmark(hard, 'wrong-secret-wrong-secret')).statusCode).toBe(401);
    expect(await suppressionOf(storage.db, 'pm-hard@example.org')).toBeNull();
    expect((await postmark(hard, POSTMARK_SECRET)).statusCode).toBe(200);
    expect(await suppressionOf(storage.db, 'pm-hard@example.org')).toBe('bounced');
    await postmark(
      { RecordType: 'SpamComplaint', Type: 'SpamComplaint', Email: 'pm-spam@example.org' },
      POSTMARK_SECRET,
    );
    expect(await suppressionOf(storage.db, 'pm-spam@example.org')).toBe('complained');
  });
});
