#!/usr/bin/env node
'use strict';
// Azure Service Bus stand-in for tests and local development ONLY: an in-memory AMQP 1.0 peer (npm `rhea`)
// that speaks enough of Service Bus for the official SDKs. Not a production path: no persistence, no auth
// (any token is accepted), no TLS. See README.md in this folder.
//
// Usage: node standin.js [--host 127.0.0.1] [--port 0] [--control-port 0] [--queue NAME]...
//                        [--lock-duration-ms 60000] [--max-delivery-count 10] [--watch-stdin]
// Prints exactly one line to stdout when listening: {"service":"servicebus","amqpPort":N,"controlPort":M}

const {Namespace} = require('./lib/queues.js');
const {Broker} = require('./lib/broker.js');
const {createControlServer} = require('./lib/control.js');
const {parseOptions, PORT, listen, stopWithParent} = require('../lib/cli.js');

function log(text) {
  process.stderr.write(`[servicebus-standin] ${text}\n`);
}

const USAGE =
  'usage: standin.js [--host 127.0.0.1] [--port 0] [--control-port 0] [--queue NAME]... ' +
  '[--lock-duration-ms 60000] [--max-delivery-count 10] [--watch-stdin]';

function parseArgs(argv) {
  return parseOptions(
    argv,
    {
      '--host': {key: 'host', type: 'string'},
      '--port': {key: 'port', ...PORT},
      '--control-port': {key: 'controlPort', ...PORT},
      '--queue': {key: 'queues', type: 'string', repeat: true},
      '--lock-duration-ms': {key: 'lockDurationMs', type: 'int', min: 1},
      '--max-delivery-count': {key: 'maxDeliveryCount', type: 'int', min: 1},
      '--watch-stdin': {key: 'watchStdin', type: 'flag'},
    },
    {host: '127.0.0.1', port: 0, controlPort: 0, lockDurationMs: 60000, maxDeliveryCount: 10, watchStdin: false},
    USAGE,
  );
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const namespace = new Namespace({lockDurationMs: options.lockDurationMs, maxDeliveryCount: options.maxDeliveryCount}, log);
  for (const queue of options.queues) namespace.create(queue);

  const broker = new Broker(namespace, log);
  const control = createControlServer(namespace, log);
  const amqpPort = await broker.listen({host: options.host, port: options.port});
  const controlPort = (await listen(control, options.controlPort, options.host)).address().port;

  stopWithParent((why) => {
    log(`stopping (${why})`);
    broker.close();
    control.close();
    // Open client connections would keep the servers alive; the stand-in holds nothing worth draining.
    setImmediate(() => process.exit(0));
  }, options.watchStdin);
  process.on('uncaughtException', (error) => log(`uncaught: ${error.stack || error}`));

  process.stdout.write(`${JSON.stringify({service: 'servicebus', amqpPort, controlPort})}\n`);
  log(`listening on amqp://${options.host}:${amqpPort}, control http://${options.host}:${controlPort}`);
}

main().catch((error) => {
  log(`failed to start: ${error.stack || error}`);
  process.exit(1);
});
