import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** The API server the dev server and `vite preview` proxy to (the Fastify server in development). */
const apiTarget = process.env.GOEDWERK_API ?? 'http://127.0.0.1:3000';

const proxy = {
  '/api': { target: apiTarget, changeOrigin: false },
  '/ws': { target: apiTarget, ws: true },
};

/**
 * The parts of a UI catalogue the main bundle carries (catalogue-shell.json): the page frame,
 * status texts and the participant's join pages. Everything else loads with the other pages.
 */
const SHELL_SECTIONS = (JSON.parse(readFileSync(new URL('./catalogue-shell.json', import.meta.url), 'utf8')) as { sections: string[] }).sections;

/** `virtual:goedwerk-catalogue/<lang>`: the shell sections of content/i18n/<lang>.json. */
function catalogueShell(): Plugin {
  const prefix = 'virtual:goedwerk-catalogue/';
  return {
    name: 'goedwerk:catalogue-shell',
    resolveId(id) {
      return id.startsWith(prefix) ? `\0${id}` : undefined;
    },
    load(id) {
      if (!id.startsWith(`\0${prefix}`)) return undefined;
      const lang = id.slice(prefix.length + 1);
      if (!/^[a-z]{2}$/.test(lang)) throw new Error(`unknown catalogue language: ${lang}`);
      const file = fileURLToPath(new URL(`../../content/i18n/${lang}.json`, import.meta.url));
      this.addWatchFile(file);
      const catalogue = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const shell = Object.fromEntries(SHELL_SECTIONS.filter((key) => key in catalogue).map((key) => [key, catalogue[key]]));
      return `export default ${JSON.stringify(shell)};`;
    },
  };
}

export default defineConfig(() => ({
  plugins: [react(), catalogueShell()],
  resolve: {
    // wouter's fallback for React < 18; React 19 has useSyncExternalStore built in.
    alias: [
      {
        find: /^use-sync-external-store\/shim(\/index\.js)?$/,
        replacement: fileURLToPath(new URL('./src/shims/use-sync-external-store.ts', import.meta.url)),
      },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Routes are split with React.lazy. The entry (React, the router, the translator and the
    // shell) is about 250 kB minified; the real budget is ≤ 100 kB gzip for /join and /m/…,
    // checked by test/bundle-size.test.ts from the manifest.
    chunkSizeWarningLimit: 350,
    manifest: true,
    // No inline scripts or data: URIs under the strict CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { proxy },
  preview: { proxy },
}));
