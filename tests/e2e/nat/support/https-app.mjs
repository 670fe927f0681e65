#!/usr/bin/env node
// The app and its relay over TLS for the NAT topology (tests/e2e/nat/README.md): the built app from
// KEHU_DIST and the signalling relay (wss, /signal) on HOST:PORT, with the certificate that the
// test made with openssl (KEHU_TLS_CERT, KEHU_TLS_KEY). Runs inside the "internet" namespace.
// Reuses the Kehu server's own static handler and relay, so what is tested is the app's relay.
import { createServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { staticHandler } from '../../../../server/static.js';
import { attachSignalRelay } from '../../../../server/signal.js';

const { KEHU_DIST, KEHU_TLS_CERT, KEHU_TLS_KEY, HOST, PORT } = process.env;
if (!KEHU_DIST || !KEHU_TLS_CERT || !KEHU_TLS_KEY || !HOST || !PORT) {
  console.error('https-app: KEHU_DIST, KEHU_TLS_CERT, KEHU_TLS_KEY, HOST and PORT are required');
  process.exit(2);
}
const serveStatic = staticHandler(KEHU_DIST);
const server = createServer({ cert: readFileSync(KEHU_TLS_CERT), key: readFileSync(KEHU_TLS_KEY) }, (req, res) => {
  // The address a request came from, so the topology check can see the sites' NAT at work.
  if (req.url === '/__remote-address') {
    res.end(req.socket.remoteAddress ?? '');
    return;
  }
  serveStatic(req, res, () => {
    res.statusCode = 404;
    res.end('Not found');
  });
});
attachSignalRelay(server);
server.listen(Number(PORT), HOST, () => console.log(`listening https://${HOST}:${PORT}/`));
process.on('SIGTERM', () => process.exit(0));
