import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ASSETS } from './layout';

// tsc compiles only .ts files, so the pages' CSS and JS stay in src/web/assets and are served from
// there in both layouts: ts sources (jest: src/web/shared) and compiled (dist/src/web/shared).
function assetsDir(): string {
  const candidates = [resolve(__dirname, '..', 'assets')];
  // Compiled: dist/src/web/shared → the repository's src/web/assets, a few levels up.
  for (let up = resolve(__dirname, '..', '..'); candidates.length < 6; up = dirname(up)) candidates.push(join(up, 'src', 'web', 'assets'));
  const found = candidates.find((dir) => existsSync(join(dir, 'app.css')));
  if (!found) throw new Error(`Web assets not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** chart.js's browser build, from the installed npm package (never a CDN). */
function chartJsFile(): string {
  return join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
}

/** Serves /app/assets/* (the pages' CSS and JS) and /app/assets/vendor/chart.umd.min.js. */
export function mountWebAssets(app: NestExpressApplication): void {
  const chart = chartJsFile();
  app.use(`${ASSETS}/vendor/chart.umd.min.js`, (_req: unknown, res: { sendFile(path: string, opts: object): void }) =>
    res.sendFile(chart, { maxAge: '1d', headers: { 'Content-Type': 'text/javascript; charset=utf-8' } }),
  );
  app.useStaticAssets(assetsDir(), { prefix: `${ASSETS}/`, maxAge: '1h', index: false, fallthrough: true });
}
