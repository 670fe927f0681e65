#!/usr/bin/env node
// A plain static web server for the `net` specs: what a team's own web host would be (not the Kehu
// server, no relay). Serves a built app under a base path, over https when given a certificate.
//
//   node static-server.mjs --dir <built app> --host 10.77.0.1 --port 8443 [--base /kehu/] [--cert f --key f]
//
// Prints "listening <url>" once it accepts connections. An unknown path under the base gets the app's
// index.html (a static host's SPA fallback); anything outside the base is 404.
import { createServer as createHttp } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import sirv from 'sirv';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    base: { type: 'string', default: '/' },
    cert: { type: 'string' },
    key: { type: 'string' },
  },
});
if (!values.dir) throw new Error('--dir is required');
const base = values.base.endsWith('/') ? values.base : `${values.base}/`;
const serve = sirv(values.dir, { single: true, dev: true, etag: true });

/** @type {import('node:http').RequestListener} */
function handle(req, res) {
  const url = req.url ?? '/';
  if (url === base.slice(0, -1)) {
    res.writeHead(301, { Location: base }).end();
    return;
  }
  if (!url.startsWith(base)) {
    res.writeHead(404).end('Not found');
    return;
  }
  req.url = `/${url.slice(base.length)}`;
  serve(req, res, () => res.writeHead(404).end('Not found'));
}

const tls = values.cert && values.key ? { cert: readFileSync(values.cert), key: readFileSync(values.key) } : null;
const server = tls ? createHttps(tls, handle) : createHttp(handle);
server.listen(Number(values.port), values.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : values.port;
  console.log(`listening ${tls ? 'https' : 'http'}://${values.host}:${port}${base}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
