import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** Where `nx run portal:build` (vite build) writes the portal (this file runs from scripts/ or from dist/scripts/). */
export const PORTAL_DIST = resolve(__dirname, __dirname.includes(`${sep}dist${sep}`) ? '../../..' : '../..', 'apps/portal/dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface PortalServer {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the built portal: its files, `index.html` for every other path (the portal's routes), and
 * `/config.js` with the API's address, so one build runs against any API. `apiUrl` may be a function,
 * for a test that learns the API's port after the portal's.
 */
export function servePortal(options: {
  apiUrl: string | (() => string);
  port?: number;
  host?: string;
  dir?: string;
}): Promise<PortalServer> {
  const dir = resolve(options.dir ?? PORTAL_DIST);
  const index = join(dir, 'index.html');
  if (!existsSync(index)) throw new Error(`The portal is not built: ${index} is missing (run: npx nx run portal:build)`);
  const apiUrl = typeof options.apiUrl === 'function' ? options.apiUrl : () => options.apiUrl as string;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/config.js') {
      res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' });
      res.end(`window.CANBO_CONFIG = ${JSON.stringify({ apiUrl: apiUrl() })};\n`);
      return;
    }
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) file = index;
    const immutable = file.startsWith(join(dir, 'assets') + sep);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      done({
        server,
        port,
        url: `http://${options.host === '0.0.0.0' ? 'localhost' : (options.host ?? '127.0.0.1')}:${port}`,
        close: () => new Promise<void>((closed) => server.close(() => closed())),
      });
    });
  });
}

// `node dist/scripts/portal/serve.js`: the demo's portal on PORTAL_PORT (all interfaces, like the API), talking to the API on PORT.
if (require.main === module) {
  const port = Number(process.env.PORTAL_PORT || 4200);
  const apiUrl = process.env.PORTAL_API_URL || `http://localhost:${process.env.PORT || 3000}/api/v1`;
  servePortal({ port, apiUrl, host: '0.0.0.0' }).then(
    (portal) => console.log(JSON.stringify({ msg: 'portal listening', url: `http://localhost:${portal.port}`, apiUrl })),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
