#!/usr/bin/env node
// The signalling relay alone over wss, for the `net` specs until `npm run relay` (server/relay.js) is
// there to start instead: the relay code the Kehu server mounts at /signal (server/signal.js), on an
// https server of its own that serves no app.
//
//   node tls-relay.mjs --host 10.77.0.1 --port 8444 --cert f --key f [--origins https://10.77.0.1:8443]
//
// Prints "listening wss://host:port/signal" once it accepts connections.
import { createServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { attachSignalRelay } from '../../../../server/signal.js';
import { parseAllowedOrigins } from '../../../../server/signal-admission.js';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    cert: { type: 'string' },
    key: { type: 'string' },
    origins: { type: 'string', default: '' },
  },
});
if (!values.cert || !values.key) throw new Error('--cert and --key are required');
const server = createServer({ cert: readFileSync(values.cert), key: readFileSync(values.key) }, (_req, res) => {
  res.writeHead(404).end('Not found');
});
const relay = attachSignalRelay(server, { allowedOrigins: parseAllowedOrigins(values.origins) });
server.listen(Number(values.port), values.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : values.port;
  console.log(`listening wss://${values.host}:${port}/signal`);
});
const stop = () => {
  void relay.close();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
