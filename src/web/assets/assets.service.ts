import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { LOGO_TYPES } from '../../config/branding';
import { Environment } from '../../config/environment';

/** Every file the pages load, by the name pages ask for → its file under this folder. */
const FILES: Record<string, string> = {
  'app.css': 'app.css',
  'app.js': 'js/app.js',
  'availability.js': 'js/availability.js',
  // Issue 13: the check-in desk's camera scanner
  'desk.js': 'js/desk.js',
  'console.js': 'js/console.js',
};

const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', ...LOGO_TYPES };

export interface Asset {
  type: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/**
 * Our own static files, read and compressed once at start and served under names that carry
 * their content hash (`/assets/app.3f2a9c1b7d.css`), so browsers may keep them for a year and a
 * new release can never be served stale. The office's accent colour is written into app.css.
 */
@Injectable()
export class AssetsService {
  readonly logoUrl?: string;
  private readonly byUrl = new Map<string, Asset>();
  private readonly urls = new Map<string, string>();

  constructor(env: Environment) {
    for (const [name, file] of Object.entries(FILES)) {
      let content = readFileSync(join(__dirname, file));
      if (name === 'app.css') content = Buffer.concat([Buffer.from(`:root{--accent:${env.BRAND_ACCENT}}\n`), content]);
      this.add(name, content);
    }
    if (env.BRAND_LOGO_PATH) this.logoUrl = this.add(`logo${extname(env.BRAND_LOGO_PATH).toLowerCase()}`, readFileSync(env.BRAND_LOGO_PATH));
  }

  /** The hashed URL of an asset by name. */
  url(name: string): string {
    const url = this.urls.get(name);
    if (!url) throw new Error(`No asset named ${name}`);
    return url;
  }

  find(fileName: string): Asset | undefined {
    return this.byUrl.get(fileName);
  }

  /** Total gzip bytes of these assets (brotli is smaller still): what a page's budget counts. */
  compressedSize(names: string[]): number {
    return names.reduce((sum, name) => sum + this.byUrl.get(this.url(name).slice('/assets/'.length))!.gzip.length, 0);
  }

  private add(name: string, content: Buffer): string {
    const ext = extname(name);
    const hash = createHash('sha256').update(content).digest('hex').slice(0, 12);
    const fileName = `${name.slice(0, -ext.length)}.${hash}${ext}`;
    this.byUrl.set(fileName, { type: TYPES[ext], identity: content, gzip: gzipSync(content, { level: 9 }), br: brotliCompressSync(content) });
    const url = `/assets/${fileName}`;
    this.urls.set(name, url);
    return url;
  }
}
