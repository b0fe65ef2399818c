'use strict';
// Wire-level checks of the Service Bus stand-in that the Java SDK cannot provoke (it validates on its side first):
// oversized and malformed input, unknown entities, unsupported management operations, drain, receive-and-delete,
// and settlements of several deliveries arriving in one read.
// Run: node --test infra/local/servicebus/test/

const test = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const path = require('node:path');
const {spawn} = require('node:child_process');
const readline = require('node:readline');
const rhea = require('rhea');
const frames = require('rhea/lib/frames.js');

let standin;
let ports;

test.before(async () => {
  standin = spawn(process.execPath, [path.join(__dirname, '..', 'standin.js'), '--watch-stdin', '--lock-duration-ms', '5000'], {
    stdio: ['pipe', 'pipe', process.env.STANDIN_LOG ? 'inherit' : 'ignore'],
  });
  ports = await new Promise((resolve, reject) => {
    readline.createInterface({input: standin.stdout}).once('line', (line) => resolve(JSON.parse(line)));
    standin.once('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
  });
});

test.after(() => {
  standin.stdin.end();
});

const control = (method, name, body) =>
  fetch(`http://127.0.0.1:${ports.controlPort}/queues/${encodeURIComponent(name)}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function newQueue(settings = {}) {
  const name = `q-${Math.random().toString(16).slice(2)}`;
  const response = await control('PUT', name, settings);
  assert.equal(response.status, 201);
  return name;
}

function connect() {
  const container = rhea.create_container();
  container.on('error', () => {});
  const connection = container.connect({host: '127.0.0.1', port: ports.amqpPort, reconnect: false});
  return new Promise((resolve, reject) => {
    connection.once('connection_open', () => resolve(connection));
    connection.once('disconnected', (ctx) => reject(ctx.error || new Error('disconnected')));
  });
}

function once(emitter, event) {
  return new Promise((resolve) => emitter.once(event, resolve));
}

function request(connection, node, applicationProperties, body) {
  const replyTo = `reply-${Math.random().toString(16).slice(2)}`;
  const sender = connection.open_sender({target: {address: node}});
  const receiver = connection.open_receiver({source: {address: node}, target: {address: replyTo}});
  return Promise.all([once(sender, 'sendable'), once(receiver, 'receiver_open')]).then(() => {
    const reply = once(receiver, 'message');
    sender.send({message_id: 'req-1', reply_to: replyTo, application_properties: applicationProperties, body});
    return reply.then((ctx) => ctx.message);
  });
}

test('control endpoint creates idempotently, reports and deletes queues', {timeout: 10000}, async () => {
  const name = await newQueue({lockDurationMs: 1000, maxDeliveryCount: 2});
  assert.equal((await control('PUT', name, {})).status, 200);
  assert.deepEqual(await (await control('GET', name)).json(), {active: 0, locked: 0, deadLettered: 0, nextSequenceNumber: 1});
  assert.equal((await control('PUT', 'bad', {lockDurationMs: 0})).status, 400);
  assert.equal((await control('DELETE', name)).status, 204);
  assert.equal((await control('GET', name)).status, 404);
  assert.equal((await fetch(`http://127.0.0.1:${ports.controlPort}/health`)).status, 200);
});

test('answers CBS put-token with an int status code and the request id as correlation id', {timeout: 10000}, async () => {
  const connection = await connect();
  const reply = await request(connection, '$cbs', {operation: 'put-token', type: 'servicebus.windows.net:sastoken', name: 'amqp://localhost/q'}, 'token');
  assert.equal(reply.correlation_id, 'req-1');
  assert.equal(reply.application_properties['status-code'], 200);
  connection.close();
});

test('detaches a link to a missing queue with amqp:not-found naming the entity', {timeout: 10000}, async () => {
  const connection = await connect();
  const sender = connection.open_sender({target: {address: 'no-such-queue'}});
  const ctx = await once(sender, 'sender_error');
  assert.equal(ctx.sender.error.condition, 'amqp:not-found');
  assert.match(ctx.sender.error.description, /no-such-queue/);
  connection.close();
});

test('closes a receiver attached to a queue when the queue is deleted, with amqp:not-found', {timeout: 10000}, async () => {
  const name = await newQueue();
  const connection = await connect();
  const receiver = connection.open_receiver({source: name, autoaccept: false});
  await once(receiver, 'receiver_open');
  const closed = once(receiver, 'receiver_close');
  assert.equal((await control('DELETE', name)).status, 204);
  const ctx = await closed;
  assert.equal(ctx.receiver.error.condition, 'amqp:not-found');
  assert.match(ctx.receiver.error.description, new RegExp(name));
  connection.close();
});

test('rejects a message over 256 KiB with amqp:link:message-size-exceeded and keeps the queue empty', {timeout: 10000}, async () => {
  const queue = await newQueue();
  const connection = await connect();
  const sender = connection.open_sender({target: {address: queue}});
  await once(sender, 'sendable');
  sender.send({body: rhea.message.data_section(Buffer.alloc(300 * 1024, 1))});
  const ctx = await once(sender, 'rejected');
  assert.equal(ctx.delivery.remote_state.error.condition, 'amqp:link:message-size-exceeded');
  assert.equal((await (await control('GET', queue)).json()).active, 0);
  connection.close();
});

test('answers an unsupported management operation with 501 instead of hanging', {timeout: 10000}, async () => {
  const queue = await newQueue();
  const connection = await connect();
  const reply = await request(connection, `${queue}/$management`, {operation: 'com.microsoft:schedule-message'}, {});
  assert.equal(reply.application_properties['status-code'], 501);
  assert.match(reply.application_properties['status-description'], /not supported/);
  connection.close();
});

test('receive-and-delete removes the message on delivery', {timeout: 10000}, async () => {
  const queue = await newQueue();
  const connection = await connect();
  const sender = connection.open_sender({target: {address: queue}});
  await once(sender, 'sendable');
  sender.send({message_id: 'x', body: 'hello'});
  await once(sender, 'accepted');
  const receiver = connection.open_receiver({source: {address: queue}, snd_settle_mode: 1, autoaccept: false});
  const {message, delivery} = await once(receiver, 'message');
  assert.equal(message.message_id, 'x');
  assert.equal(message.delivery_count, 0);
  assert.equal(typeof message.message_annotations['x-opt-sequence-number'], 'number');
  assert.equal(delivery.remote_settled, true);
  assert.deepEqual(await (await control('GET', queue)).json(), {active: 0, locked: 0, deadLettered: 0, nextSequenceNumber: 2});
  connection.close();
});

test('answers a drain request on an empty queue by consuming the credit', {timeout: 10000}, async () => {
  const queue = await newQueue();
  const connection = await connect();
  const receiver = connection.open_receiver({source: {address: queue}, credit_window: 0, autoaccept: false});
  await once(receiver, 'receiver_open');
  receiver.add_credit(5);
  receiver.drain_credit();
  await once(receiver, 'receiver_drained');
  assert.equal(receiver.credit, 0);
  connection.close();
});

test('survives garbage on the socket and keeps serving', {timeout: 10000}, async () => {
  const socket = net.connect(ports.amqpPort, '127.0.0.1');
  socket.resume(); // read the server's answer, or 'close' never comes
  await once(socket, 'connect');
  socket.write(Buffer.from('AMQP\x00\x01\x00\x00', 'binary'));
  socket.write(Buffer.from([0, 0, 0, 12, 2, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]));
  await once(socket, 'close');
  const connection = await connect();
  const reply = await request(connection, '$cbs', {operation: 'put-token'}, 'token');
  assert.equal(reply.application_properties['status-code'], 200);
  connection.close();
});

test('answers each of several settlements read at once with its own outcome', {timeout: 10000}, async () => {
  const queue = await newQueue();
  const connection = await connect();
  const sender = connection.open_sender({target: {address: queue}});
  await once(sender, 'sendable');
  for (const id of ['complete-me', 'abandon-me', 'dead-letter-me']) sender.send({message_id: id, body: id});
  // Exactly three credits: the abandoned message must stay in the queue rather than come straight back.
  const receiver = connection.open_receiver({source: {address: queue}, rcv_settle_mode: 1, autoaccept: false, credit_window: 0});
  receiver.add_credit(3);
  const deliveries = await new Promise((resolve) => {
    const received = [];
    receiver.on('message', ({message, delivery}) => {
      assert.equal(message.message_id, ['complete-me', 'abandon-me', 'dead-letter-me'][received.length]);
      if (received.push(delivery) === 3) resolve(received);
    });
  });
  const answered = new Promise((resolve) => receiver.on('settled', () => deliveries.every((d) => d.remote_settled) && resolve()));
  const outcomes = [
    rhea.message.accepted(),
    rhea.message.modified({delivery_failed: true}),
    rhea.message.rejected({error: {condition: 'com.microsoft:dead-letter', info: {DeadLetterReason: 'poison'}}}),
  ];

  // What a client settling concurrently (the Java processor) puts on the wire: one unsettled disposition per
  // delivery, consecutive ids, different outcomes. Written by hand because rhea's delivery.update would merge them
  // just as it merged the stand-in's answers; corked so the stand-in reads all three frames in one chunk.
  const socket = connection.socket;
  socket.cork();
  deliveries.forEach((delivery, i) =>
    receiver.session.output(
      frames.disposition({role: true, first: delivery.id, last: delivery.id, settled: false, state: outcomes[i].described()}),
    ),
  );
  socket.uncork();
  await answered;

  assert.deepEqual(
    deliveries.map((delivery) => delivery.remote_state.constructor.composite_type),
    ['accepted', 'modified', 'rejected'],
  );
  assert.deepEqual(await (await control('GET', queue)).json(), {active: 1, locked: 0, deadLettered: 1, nextSequenceNumber: 4});
  connection.close();
});

test('answers a rejected and an accepted transfer read at once each with its own outcome', {timeout: 10000}, async () => {
  const queue = await newQueue();
  const connection = await connect();
  const sender = connection.open_sender({target: {address: queue}});
  await once(sender, 'sendable');

  // rhea writes both transfers on the next tick; corked until then so the stand-in reads them in one chunk.
  const socket = connection.socket;
  socket.cork();
  const malformed = sender.send(Buffer.from('not a message'), undefined, 0x1234);
  const good = sender.send({message_id: 'good', body: 'ok'});
  await new Promise(setImmediate);
  socket.uncork();
  await new Promise((resolve) => sender.on('settled', () => malformed.remote_settled && good.remote_settled && resolve()));

  assert.equal(malformed.remote_state.constructor.composite_type, 'rejected');
  assert.equal(malformed.remote_state.error.condition, 'amqp:decode-error');
  assert.equal(good.remote_state.constructor.composite_type, 'accepted');
  assert.equal((await (await control('GET', queue)).json()).active, 1);
  connection.close();
});

test('drops a message whose message-id was sent within the duplicate detection window, and only then', {timeout: 10000}, async () => {
  const detecting = await newQueue({duplicateDetectionWindowMs: 300});
  const plain = await newQueue();
  const connection = await connect();
  for (const queue of [detecting, plain]) {
    const sender = connection.open_sender({target: {address: queue}});
    await once(sender, 'sendable');
    for (const id of ['same', 'same', 'other']) {
      sender.send({message_id: id, body: id});
      // Accepted either way: Service Bus drops a duplicate silently.
      await once(sender, 'accepted');
    }
  }
  assert.equal((await (await control('GET', detecting)).json()).active, 2);
  assert.equal((await (await control('GET', plain)).json()).active, 3);

  await new Promise((resolve) => setTimeout(resolve, 400));
  const sender = connection.open_sender({target: {address: detecting}});
  await once(sender, 'sendable');
  sender.send({message_id: 'same', body: 'after the window'});
  await once(sender, 'accepted');
  assert.equal((await (await control('GET', detecting)).json()).active, 3);
  assert.equal((await control('PUT', 'bad-window', {duplicateDetectionWindowMs: -1})).status, 400);
  connection.close();
});
