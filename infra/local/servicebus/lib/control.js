'use strict';
// Plain HTTP control endpoint of the Service Bus stand-in (test and development only):
// PUT/GET/DELETE /queues/{name}, GET /health.

const http = require('http');

const MAX_BODY = 64 * 1024;

function send(response, status, body) {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text)});
  response.end(text);
}

function readJson(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        request.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (!text) return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(new Error(`invalid JSON: ${error.message}`));
      }
    });
    request.on('error', reject);
  });
}

function queueSettings(body) {
  const settings = {};
  for (const key of ['lockDurationMs', 'maxDeliveryCount', 'duplicateDetectionWindowMs']) {
    if (body[key] === undefined) continue;
    const value = body[key];
    const min = key === 'duplicateDetectionWindowMs' ? 0 : 1;
    if (!Number.isInteger(value) || value < min) {
      throw new Error(`${key} must be ${min ? 'a positive' : 'a non-negative'} integer`);
    }
    settings[key] = value;
  }
  return settings;
}

function createControlServer(namespace, log) {
  return http.createServer(async (request, response) => {
    try {
      const url = new URL(request.url, 'http://localhost');
      if (url.pathname === '/health') {
        return request.method === 'GET' ? send(response, 200, {status: 'ok'}) : send(response, 405, {error: 'method not allowed'});
      }
      const match = /^\/queues\/([^/]+)$/.exec(url.pathname);
      if (!match) return send(response, 404, {error: 'not found'});
      const name = decodeURIComponent(match[1]);
      switch (request.method) {
        case 'PUT': {
          let settings;
          try {
            settings = queueSettings(await readJson(request));
          } catch (error) {
            return send(response, 400, {error: error.message});
          }
          const created = namespace.create(name, settings);
          if (created) log(`queue created: ${name} ${JSON.stringify(settings)}`);
          return send(response, created ? 201 : 200, namespace.stats(name));
        }
        case 'GET': {
          const stats = namespace.stats(name);
          return stats ? send(response, 200, stats) : send(response, 404, {error: `queue '${name}' not found`});
        }
        case 'DELETE':
          return namespace.delete(name) ? send(response, 204) : send(response, 404, {error: `queue '${name}' not found`});
        default:
          return send(response, 405, {error: 'method not allowed'});
      }
    } catch (error) {
      log(`control request failed: ${error.stack || error}`);
      if (!response.headersSent) send(response, 500, {error: String(error.message)});
    }
  });
}

module.exports = {createControlServer};
