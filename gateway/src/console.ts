import type { Logger } from '@steward/service-kit/core';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The web console's static build (console/dist, `npm run build`), beside the gateway in the repository and in the image. */
export const CONSOLE_DIST = path.join(__dirname, '../../console/dist');

/**
 * The console's Content-Security-Policy: its own scripts only (no inline
 * script, no eval), styles inline as Ant Design's CSS-in-JS writes them,
 * images from itself and the object URLs of downloaded evidence, requests to
 * this origin (/graphql, /evidence) only, and never inside a frame.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  next();
}

/**
 * Serves the console at /console, same origin as /graphql: hashed assets are
 * cached for a year, index.html never (a new build is picked up at once).
 * Outside production GraphiQL is at /graphiql, bundled from node_modules into
 * the same build (Apollo's landing page loads from a CDN, which fails offline).
 * Without a build, /console says how to make one.
 */
export function serveConsole(app: Express, logger: Logger, { production, dist = CONSOLE_DIST }: { production: boolean; dist?: string }): void {
  if (!existsSync(path.join(dist, 'index.html'))) {
    logger.warn({ dist }, 'web console not built (npm run build): /console answers 404');
    app.use('/console', (_req, res) => {
      res.status(404).type('text/plain').send('The web console is not built: run npm run build');
    });
    return;
  }
  app.use(
    '/console',
    securityHeaders,
    express.static(dist, {
      index: 'index.html',
      redirect: true,
      setHeaders: (res, file) => {
        res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  if (!production) {
    app.get('/graphiql', securityHeaders, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(dist, 'graphiql.html'));
    });
  }
}
