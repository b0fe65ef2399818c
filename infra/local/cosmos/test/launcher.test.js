'use strict';
// Wire-level checks of the Cosmos DB stand-in's own additions (infra/local/cosmos/launcher.js) for what the Java SDK
// does before a cross-partition query: it asks for a query plan, then queries each partition key range page by page.
// Run: node --test infra/local/cosmos/test/

const test = require('node:test');
const assert = require('node:assert/strict');
const https = require('node:https');
const path = require('node:path');
const readline = require('node:readline');
const {spawn} = require('node:child_process');
const {unplannable} = require('../launcher.js');
const parseQuery = require('@zeit/cosmosdb-query').default;

let launcher;
let port;

test.before(async () => {
  launcher = spawn(process.execPath, [path.join(__dirname, '..', 'launcher.js'), '--watch-stdin'], {
    stdio: ['pipe', 'pipe', process.env.STANDIN_LOG ? 'inherit' : 'ignore'],
  });
  port = await new Promise((resolve, reject) => {
    readline.createInterface({input: launcher.stdout}).once('line', (line) => resolve(JSON.parse(line).port));
    launcher.once('exit', (code) => reject(new Error(`launcher exited with ${code}`)));
  });
  await request('POST', '/dbs', {id: 'db'});
  await request('POST', '/dbs/db/colls', {id: 'items', partitionKey: {paths: ['/id'], kind: 'Hash'}});
  for (let i = 0; i < 7; i += 1) {
    const id = `user${i}@example.org`;
    await request('POST', '/dbs/db/colls/items/docs', {id, n: i}, {'x-ms-documentdb-partitionkey': JSON.stringify([id])});
  }
});

test.after(() => {
  launcher.stdin.end();
});

/** One HTTPS request to the stand-in (its certificate is self-signed); resolves with status, headers and body. */
function request(method, url, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {host: '127.0.0.1', port, method, path: url, rejectUnauthorized: false, headers: {'content-type': 'application/json', ...headers}},
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : null}));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const QUERY = {'x-ms-documentdb-isquery': 'true', 'content-type': 'application/query+json'};

function plan(query) {
  return request('POST', '/dbs/db/colls/items/docs', {query, parameters: []}, {...QUERY, 'x-ms-cosmos-is-query-plan-request': 'True'});
}

test('plans a simple cross-partition query as one run over the whole range', async () => {
  const answer = await plan('SELECT * FROM c WHERE c.n > 2');

  assert.equal(answer.status, 200);
  assert.deepEqual(answer.body.queryRanges, [{min: '', max: 'FF', isMinInclusive: true, isMaxInclusive: false}]);
  assert.deepEqual(answer.body.queryInfo.orderBy, []);
  assert.equal(answer.body.queryInfo.rewrittenQuery, '');
});

test('refuses to plan what it would answer wrongly, saying what', async () => {
  for (const [query, what] of [
    ['SELECT * FROM c ORDER BY c.id', 'ORDER BY'],
    ['SELECT TOP 3 * FROM c', 'TOP'],
    ['SELECT VALUE COUNT(1) FROM c', 'an aggregate'],
    ['SELECT c.id, MAX(c.n) AS m FROM c', 'an aggregate'],
  ]) {
    const answer = await plan(query);
    assert.equal(answer.status, 400, query);
    assert.match(answer.body.message, new RegExp(`cannot plan this query: ${what}`), query);
  }
  const syntax = await plan('SELECT FROM');
  assert.equal(syntax.status, 400);
  assert.match(syntax.body.message, /syntax error/);
});

test('a query addressed to the partition key range pages through every item with continuations', async () => {
  const seen = [];
  let continuation = null;
  let pages = 0;
  do {
    const headers = {...QUERY, 'x-ms-documentdb-partitionkeyrangeid': '0', 'x-ms-max-item-count': '3'};
    if (continuation) headers['x-ms-continuation'] = continuation;
    const page = await request('POST', '/dbs/db/colls/items/docs', {query: 'SELECT * FROM c', parameters: []}, headers);
    assert.equal(page.status, 200);
    seen.push(...page.body.Documents.map((d) => d.id));
    continuation = page.headers['x-ms-continuation'];
    pages += 1;
  } while (continuation);

  assert.equal(pages, 3);
  assert.deepEqual(seen.sort(), Array.from({length: 7}, (_, i) => `user${i}@example.org`));
});

test('a query without partition key, range or cross-partition header is still refused, as Cosmos DB does', async () => {
  const answer = await request('POST', '/dbs/db/colls/items/docs', {query: 'SELECT * FROM c', parameters: []}, QUERY);

  assert.equal(answer.status, 400);
});

test('unplannable looks into projections and values alike', () => {
  assert.equal(unplannable(parseQuery('SELECT c.id FROM c').ast), null);
  assert.equal(unplannable(parseQuery('SELECT VALUE c.id FROM c').ast), null);
  assert.equal(unplannable(parseQuery('SELECT VALUE SUM(c.n) FROM c').ast), 'an aggregate');
});
