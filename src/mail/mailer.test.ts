// The mailers on both databases: the outbox keeps what SMTP would send (the topic header included), and a
// domain finds and erases its own mail to one address, and no one else's mail nor other domains'.

import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { freePort } from '../../test/support/free-port.js';
import { startSmtpServer } from '../../test/support/newsroom.js';
import {
  eraseOutboxMailTo,
  loggableFailure,
  outboxMailer,
  outboxMailTo,
  permanentMailFailure,
  smtpMailer,
} from './mailer.js';

describe.each(testDatabases)('the mail outbox on $name', (database) => {
  let storage: TestStorage;
  beforeAll(async () => {
    storage = await database.open();
  });
  afterAll(async () => storage?.cleanup());

  it('lists and erases the mail of one topic to one address, in any case, and nothing else', async () => {
    let minute = 0;
    const mailer = outboxMailer(storage.db, {
      from: 'Newsroom <newsroom@example.org>',
      now: () => new Date(Date.UTC(2026, 10, 21, 12, minute++)),
    });
    await mailer.send({
      to: 'ada@example.org',
      subject: 'Reply',
      text: 'Someone replied.',
      topic: 'commenter',
    });
    await mailer.send({ to: 'Ada@Example.org', subject: 'Your data', text: 'A link.', topic: 'commenter' });
    // Another domain's mail to the same address (a password reset), and the same topic to someone else.
    await mailer.send({ to: 'ada@example.org', subject: 'Reset', text: 'Reset link.' });
    await mailer.send({ to: 'bea@example.org', subject: 'Reply', text: 'For Bea.', topic: 'commenter' });

    expect(await outboxMailTo(storage.db, ' ADA@example.org', 'commenter')).toEqual([
      { subject: 'Reply', text: 'Someone replied.', sentAt: '2026-11-21T12:00:00.000Z' },
      { subject: 'Your data', text: 'A link.', sentAt: '2026-11-21T12:01:00.000Z' },
    ]);
    const stored = await storage.db.selectFrom('mail_outbox').select('headers').orderBy('id').execute();
    expect(JSON.parse(stored[0]!.headers)).toEqual({ 'X-Broadsheet-Topic': 'commenter' });

    expect(await eraseOutboxMailTo(storage.db, 'ada@example.org', 'commenter')).toBe(2);
    expect(await outboxMailTo(storage.db, 'ada@example.org', 'commenter')).toEqual([]);
    const left = await storage.db
      .selectFrom('mail_outbox')
      .select(['recipient', 'subject'])
      .orderBy('id')
      .execute();
    expect(left).toEqual([
      { recipient: 'ada@example.org', subject: 'Reset' },
      { recipient: 'bea@example.org', subject: 'Reply' },
    ]);
    expect(await eraseOutboxMailTo(storage.db, 'ada@example.org', 'commenter')).toBe(0);
  });
});

describe('the SMTP mailer', () => {
  it('sends the topic as a header, as the outbox keeps it', async () => {
    const smtp = await startSmtpServer();
    try {
      await smtpMailer({ url: smtp.url, from: 'Newsroom <newsroom@example.org>' }).send({
        to: 'ada@example.org',
        subject: 'Reply',
        text: 'Someone replied.',
        headers: { 'List-Unsubscribe': '<https://example.org/u>' },
        topic: 'commenter',
      });
      const [mail] = await smtp.waitForMail(1);
      expect(mail?.raw).toMatch(/^X-Broadsheet-Topic: commenter\r?$/m);
      expect(mail?.raw).toMatch(/^List-Unsubscribe: <https:\/\/example\.org\/u>\r?$/m);
    } finally {
      await smtp.close();
    }
  });

  it('tells a refusal for good (5xx) from one that may pass', () => {
    expect(permanentMailFailure(Object.assign(new Error('no such user'), { responseCode: 550 }))).toBe(true);
    expect(permanentMailFailure(Object.assign(new Error('mailbox full'), { responseCode: 452 }))).toBe(false);
    expect(permanentMailFailure(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }))).toBe(false);
    expect(permanentMailFailure(null)).toBe(false);
  });

  it('logs of a refused mail the server’s codes, never the address it quotes; of other errors the message', async () => {
    // A real SMTP server that refuses the recipient the way mail servers do: naming the address.
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, callback) {
        callback(
          Object.assign(new Error(`<${address.address}>: Recipient address rejected`), { responseCode: 550 }),
        );
      },
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      const error = await smtpMailer({ url: `smtp://127.0.0.1:${port}`, from: 'newsroom@example.org' })
        .send({
          to: 'rita.reader@example.org',
          subject: 'Reply',
          text: 'Someone replied.',
          topic: 'commenter',
        })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(String((error as Error).message)).toContain('rita.reader@example.org');
      const logged = JSON.stringify(loggableFailure(new AggregateError([error], (error as Error).message)));
      expect(logged).not.toContain('rita.reader');
      expect(logged).toContain('"responseCode":550');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(loggableFailure(new Error('no such table: comments'))).toMatchObject({
      message: 'no such table: comments',
    });
  });
});
