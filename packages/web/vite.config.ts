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
 * react-router creates its components with `forwardRef(...)` calls that carry no pure annotation
 * and then sets their `displayName`; both count as side effects, which keeps every unused
 * component (Link, NavLink, Form, prefetching, fetchers) in the bundle. This marks the calls pure
 * and drops the display names, so unused components can be left out of the phone bundle.
 */
function treeShakeReactRouter(): Plugin {
  return {
    name: 'goedwerk:tree-shake-react-router',
    apply: 'build',
    transform: {
      filter: { id: /react-router[\\/]dist[\\/]production[\\/]chunk-[^\\/]+\.mjs$/ },
      handler(code) {
        return code
          .replace(/= (React\d*)\.forwardRef\(/g, '= /* @__PURE__ */ $1.forwardRef(')
          .replace(/^[A-Za-z0-9_$]+\.displayName = "[^"]*";$/gm, '');
      },
    },
  };
}

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

export default defineConfig(({ command }) => ({
  plugins: [react(), treeShakeReactRouter(), catalogueShell()],
  resolve: {
    // react-router's package exports point at its development build only; the production build
    // drops dev-only warnings and checks (about 4 KB gzip less on every page).
    alias:
      command === 'build'
        ? [{ find: /^react-router$/, replacement: fileURLToPath(import.meta.resolve('react-router').replace('/development/', '/production/')) }]
        : [],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Routes are split with React.lazy. The entry (React, router, i18next, the shell) is about
    // 310 kB minified; the real budget is ≤ 100 kB gzip for /join, checked in the report.
    chunkSizeWarningLimit: 350,
    // No inline scripts or data: URIs under the strict CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { proxy },
  preview: { proxy },
}));
