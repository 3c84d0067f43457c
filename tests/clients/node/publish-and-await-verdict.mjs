#!/usr/bin/env node
// A forum written in Node.js: publishes one post to the moderation system as plain JSON over AMQP
// and waits for the verdict on it in the operator's verdict queue.
//
//   node publish-and-await-verdict.mjs --url amqp://forum-demo:forum-demo@127.0.0.1:5682/moderation \
//     --board <boardId> --post <postId> --verdict-queue moderation.verdicts.forum-demo \
//     [--revision 0] [--title text] [--body text] [--channel Bbs] [--author node-user-1] \
//     [--user-id <the url's user>] [--timeout 30]
//
// Prints the verdict as one line of JSON on stdout and exits 0. Exits 2 when the system rejected the
// post (the rejection is printed instead), 1 on timeout or any other error (reason on stderr).
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import amqp from 'amqplib';

// The exchange MassTransit names after the contract type; the scanner's queue is bound to it.
const postSubmittedExchange = 'Moderation.Contracts:PostSubmitted';
const queueProbeIntervalMs = 250;
const handBackIntervalMs = 500;

const usage = `usage: node publish-and-await-verdict.mjs --url <amqp url> --board <boardId> --post <postId>
  --verdict-queue <queue> [--revision 0] [--title text] [--body text] [--channel Bbs|ChatRoom|Newsgroup]
  [--author node-user-1] [--user-id <the url's user>] [--timeout 30]`;

class UsageError extends Error {}

function parseOptions(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        url: { type: 'string' },
        board: { type: 'string' },
        post: { type: 'string' },
        revision: { type: 'string', default: '0' },
        title: { type: 'string' },
        body: { type: 'string', default: 'A post from a forum written in Node.js.' },
        channel: { type: 'string', default: 'Bbs' },
        author: { type: 'string', default: 'node-user-1' },
        'user-id': { type: 'string' },
        'verdict-queue': { type: 'string' },
        timeout: { type: 'string', default: '30' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError(e.message);
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  for (const name of ['url', 'board', 'post', 'verdict-queue']) {
    if (!values[name]) throw new UsageError(`--${name} is required`);
  }
  const revision = Number(values.revision);
  if (!Number.isInteger(revision) || revision < 0) throw new UsageError(`--revision must be a whole number >= 0, not '${values.revision}'`);
  const timeout = Number(values.timeout);
  if (!(timeout > 0)) throw new UsageError(`--timeout must be a number of seconds > 0, not '${values.timeout}'`);
  let url;
  try {
    url = new URL(values.url);
  } catch {
    throw new UsageError(`--url is not a URL: '${values.url}'`);
  }
  return {
    url: values.url,
    // The broker only accepts a user_id equal to the user the connection logged in as.
    userId: values['user-id'] ?? decodeURIComponent(url.username),
    safeUrl: `${url.protocol}//${url.username ? `${url.username}@` : ''}${url.host}${url.pathname}`,
    boardId: values.board,
    postId: values.post,
    revision,
    title: values.title ?? null,
    body: values.body,
    channel: values.channel,
    authorId: values.author,
    verdictQueue: values['verdict-queue'],
    timeoutSeconds: timeout,
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Rejects with the reason the broker gave for closing the channel, if it did, rather than amqplib's
// generic "channel closed".
async function brokerReason(channelError, error) {
  await sleep(0);
  return channelError() ?? error;
}

async function publishPost(connection, options) {
  const channel = await connection.createConfirmChannel();
  let closedBecause;
  channel.on('error', (e) => {
    closedBecause = e;
  });
  try {
    // The system declares the exchange; an operator's broker user may write to it but not configure it,
    // so the forum only checks that it exists (a passive declare needs no permission).
    await channel.checkExchange(postSubmittedExchange);
    const messageId = randomUUID();
    const post = {
      boardId: options.boardId,
      postId: options.postId,
      revision: options.revision,
      channel: options.channel,
      authorId: options.authorId,
      title: options.title,
      body: options.body,
      submittedAt: new Date().toISOString(),
    };
    await new Promise((resolve, reject) => {
      channel.publish(
        postSubmittedExchange,
        '',
        Buffer.from(JSON.stringify(post), 'utf8'),
        {
          contentType: 'application/json',
          persistent: true,
          messageId,
          userId: options.userId,
          timestamp: Math.floor(Date.now() / 1000),
        },
        (err) => (err ? reject(err) : resolve()),
      );
    });
    await channel.close();
    return messageId;
  } catch (e) {
    throw new Error(`the broker did not accept the post: ${(await brokerReason(() => closedBecause, e)).message}`);
  }
}

// The verdict queue is the system's to declare (with its own arguments); wait until it exists.
async function waitForQueue(connection, queue) {
  for (;;) {
    const probe = await connection.createChannel();
    probe.on('error', () => {});
    try {
      await probe.checkQueue(queue);
      await probe.close();
      return;
    } catch (e) {
      if (e.code !== 404) throw e;
    }
    await sleep(queueProbeIntervalMs);
  }
}

const field = (object, name) => object?.[name] ?? object?.[name[0].toUpperCase() + name.slice(1)];

// Plain camelCase JSON; tolerate a MassTransit envelope, whose payload is under "message".
function payloadOf(content) {
  let json;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch {
    return undefined;
  }
  const message = field(json, 'message');
  return message !== null && typeof message === 'object' && !Array.isArray(message) ? message : json;
}

function isAbout(payload, options, messageId) {
  if (payload === null || typeof payload !== 'object') return false;
  if (String(field(payload, 'messageId') ?? '').toLowerCase() === messageId) return true;
  return (
    String(field(payload, 'boardId')) === options.boardId &&
    String(field(payload, 'postId')) === options.postId &&
    Number(field(payload, 'revision') ?? 0) === options.revision
  );
}

// Other messages in the queue are someone else's. Requeueing each at once would hand it straight
// back to us (a busy loop that, on a quorum queue, spends a delivery attempt every time), so they
// stay unacknowledged while we look. Two clients holding each other's verdicts would wait forever,
// so while another consumer is on the queue we hand back what we hold now and then and step aside
// for a moment.
async function awaitVerdict(connection, options, messageId) {
  const queue = options.verdictQueue;
  const channel = await connection.createChannel();
  const probe = await connection.createChannel();
  const held = [];
  let settle;
  const outcome = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  channel.on('error', (e) => settle.reject(e));
  probe.on('error', (e) => settle.reject(e));
  const onMessage = (message) => {
    if (message === null) {
      settle.reject(new Error(`the broker cancelled the consumer of '${queue}' (queue deleted?)`));
      return;
    }
    const payload = payloadOf(message.content);
    if (isAbout(payload, options, messageId)) {
      channel.ack(message);
      settle.resolve(payload);
    } else {
      held.push(message);
    }
  };
  const tick = Symbol('tick');
  try {
    for (;;) {
      const { consumerTag } = await channel.consume(queue, onMessage);
      for (;;) {
        const result = await Promise.race([outcome, sleep(handBackIntervalMs).then(() => tick)]);
        if (result !== tick) return result;
        if (held.length > 0 && (await probe.checkQueue(queue)).consumerCount > 1) break;
      }
      await channel.cancel(consumerTag);
      for (const message of held.splice(0)) channel.nack(message, false, true);
      await sleep(50 + Math.random() * 250);
    }
  } finally {
    // Closing returns whatever is still unacknowledged to the queue.
    await channel.close().catch(() => {});
    await probe.close().catch(() => {});
  }
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e.message}\n${usage}\n`);
    return 1;
  }
  const post = `board '${options.boardId}', post '${options.postId}', revision ${options.revision}`;
  let phase = `connecting to ${options.safeUrl}`;
  let connection;
  let timer;
  try {
    const run = async () => {
      try {
        connection = await amqp.connect(options.url, { clientProperties: { connection_name: `node forum client ${options.userId}` } });
      } catch (e) {
        throw new Error(`cannot connect to ${options.safeUrl}: ${e.message}`);
      }
      // A connection the broker closes fails whatever is running instead of leaving it to the timeout.
      const lost = new Promise((_, reject) => {
        connection.on('error', () => {});
        connection.once('close', (e) => reject(new Error(`the broker closed the connection while ${phase}${e ? `: ${e.message}` : ''}`)));
      });
      lost.catch(() => {});
      const guard = (operation) => Promise.race([operation, lost]);
      phase = `publishing ${post}`;
      const messageId = await guard(publishPost(connection, options));
      phase = `waiting for queue '${options.verdictQueue}' to exist (the system declares it when it first sends this operator a verdict)`;
      await guard(waitForQueue(connection, options.verdictQueue));
      phase = `waiting for the verdict on ${post} in '${options.verdictQueue}'`;
      return guard(awaitVerdict(connection, options, messageId));
    };
    const running = run();
    // Once timed out, whatever run() still does fails when the connection closes; that is expected.
    running.catch(() => {});
    const timedOut = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${options.timeoutSeconds}s ${phase}`)), options.timeoutSeconds * 1000);
    });
    const result = await Promise.race([running, timedOut]);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (field(result, 'action') === undefined && field(result, 'reason') !== undefined) {
      process.stderr.write(`the system rejected the post: ${field(result, 'reason')}\n`);
      return 2;
    }
    return 0;
  } catch (e) {
    process.stderr.write(`publish-and-await-verdict: ${e.message}\n`);
    return 1;
  } finally {
    clearTimeout(timer);
    await connection?.close().catch(() => {});
  }
}

process.exit(await main());
