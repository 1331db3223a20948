import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { problem } from '../problem/problem';

/** The URL prefix of the counter console (docs/console.md). */
export const CONSOLE_PATH = '/console';

/**
 * apps/console/dist, found by walking up from this file: it runs from apps/api/src (Jest) and
 * from dist/apps/api/src (`npm start`), at different depths.
 */
export function consoleDir(from: string = __dirname): string | undefined {
  if (process.env.LEDGER_CONSOLE_DIR) return process.env.LEDGER_CONSOLE_DIR;
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'console');
    if (existsSync(join(candidate, 'index.html')) && existsSync(join(candidate, 'vite.config.mts'))) return join(candidate, 'dist');
  }
  return undefined;
}

/**
 * Serves the built console at /console: static files only; it talks to the same /v1 API as
 * every department, with the clerk's bearer token, so it has no route of its own. Hashed assets
 * are cached for a year, index.html never (a new build is picked up at the next load). Without
 * a build the path answers 503 problem+json saying how to build it.
 */
export function serveConsole(app: NestExpressApplication, dir = consoleDir()): void {
  if (dir && existsSync(join(dir, 'index.html'))) {
    app.useStaticAssets(dir, {
      prefix: CONSOLE_PATH,
      index: 'index.html',
      setHeaders: (res, path) => {
        const immutable = /[\\/]assets[\\/]/.test(path);
        res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    return;
  }
  app.use(CONSOLE_PATH, (_req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next();
    const body = problem('unavailable', 'The counter console is not built: run `npm run build:console` (npm start does it)');
    res.status(503).type('application/problem+json').send(JSON.stringify(body));
  });
}
