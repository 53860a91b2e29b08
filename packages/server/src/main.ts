import { buildApp } from './app.ts';
import { openAdapters } from './adapters.ts';
import type { Config } from './config.ts';
import { loadContent } from './content.ts';
import { isEmpty, loadDemo } from './demo.ts';
import { newPassword } from './accounts.ts';
import { defaultExporters } from './exporters.ts';
import { errorKind, serverLogger } from './logging.ts';
import { ServerMetrics } from './metrics.ts';
import { loadThemeCss, THEME_CSS_URL, themeTargetsApp } from './theme.ts';

/** The demo's first admin: an address that cannot be anyone's. */
export const DEMO_ADMIN_EMAIL = 'beheerder@demo.invalid';

const HOUR_MS = 60 * 60 * 1000;
/** [OPS-5] A shutdown that takes longer than this is cut short (exit code 1). */
export const SHUTDOWN_MS = 10_000;

/** Opens the adapters, loads content (and the demo on an empty database) and listens. */
export async function startServer(config: Config) {
  // The organisation's token file is read first: a wrong path stops the start before anything opens.
  const theme = config.themeCss ? loadThemeCss(config.themeCss) : null;
  const content = await loadContent(config.contentDir);
  const { store, bus } = await openAdapters(config);
  const { app, engine, reports, accounts } = await buildApp({
    store,
    bus,
    content,
    exporters: defaultExporters(),
    webRoot: config.webRoot,
    hsts: config.publicUrl.startsWith('https://'),
    trustedProxies: config.trustedProxies,
    securityContact: config.securityContact,
    publicUrl: config.publicUrl,
    oidc: config.oidc ? { ...config.oidc, publicUrl: config.publicUrl } : null,
    secret: config.secret,
    // pino, one JSON object a line, through the serializers of logging.ts
    logger: serverLogger(config.logLevel),
    metrics: new ServerMetrics({ process: true }),
    metricsToken: config.metricsToken,
    theme,
  });
  if (theme) {
    app.log.info(`theme: ${config.themeCss} served at ${THEME_CSS_URL} after the default theme`);
    if (!themeTargetsApp(theme)) app.log.warn('theme: GOEDWERK_THEME_CSS has no rule for .gw-theme, where the default tokens are set, so it overrides none of them (README: Theme)');
  }
  if (config.demo && (await isEmpty(store))) {
    const links = await loadDemo(store, engine, content);
    for (const link of links) {
      app.log.info(
        `demo meeting ${link.meetingId}: console ${config.publicUrl}/console/${link.meetingId}#token=${link.facilitatorToken}` +
          ` — screen ${config.publicUrl}/screen/${link.meetingId}#token=${link.screenToken}` +
          (link.rapporteurToken ? ` — report (rapporteur) ${config.publicUrl}/report/${link.meetingId}#token=${link.rapporteurToken}` : '') +
          (link.editorToken ? ` — report (editor) ${config.publicUrl}/report/${link.meetingId}#token=${link.editorToken}` : '') +
          ' (shown once; keep them)',
      );
    }
  }
  // [AC-8] the first run makes the first admin: with the demo a password is printed once; otherwise the
  // command line makes one (`goedwerk create-admin <e-mail>`)
  if ((await store.listAccounts()).length === 0) {
    if (config.demo) {
      const password = newPassword();
      await accounts.createAdmin(DEMO_ADMIN_EMAIL, 'Beheerder (demo)', password);
      app.log.info(`demo admin: sign in at ${config.publicUrl}/login as ${DEMO_ADMIN_EMAIL} with password ${password} (shown once)`);
    } else {
      app.log.warn('no accounts yet: make the first admin with `npm run goedwerk -- create-admin <e-mail>`');
    }
  }
  // [RT-1] raw contributions go some days after the report's approval: checked now and every hour
  const sweep = async () => {
    try {
      const purged = await reports.sweepRetention(config.retentionDays);
      if (purged.length > 0) app.log.info(`retention: deleted the raw contributions of ${purged.length} meeting(s) whose report was approved over ${config.retentionDays} days ago`);
    } catch (error) {
      app.log.error({ error: errorKind(error) }, 'retention sweep failed');
    }
  };
  await sweep();
  const sweeper = setInterval(() => void sweep(), HOUR_MS);
  sweeper.unref();
  // [OPS-5] closing the app stops taking requests (503), drains the live sockets and closes them
  // with 1012 so clients reconnect elsewhere, and waits for the requests under way; then the bus
  // and the store, so that every acknowledged commit is on disk.
  const close = async () => {
    clearInterval(sweeper);
    await app.close();
    await bus.close();
    await store.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info(`${signal}: shutting down`);
      setTimeout(() => {
        app.log.error(`shutdown took over ${SHUTDOWN_MS / 1000} s: exiting anyway`);
        process.exit(1);
      }, SHUTDOWN_MS);
      close().then(
        () => {
          app.log.info('shut down');
          process.exit(0);
        },
        (error: unknown) => {
          app.log.error({ error: errorKind(error) }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  await app.listen({ host: config.host, port: config.port });
  app.log.info(`Goed Werk Hub on ${config.publicUrl} (database: ${store.kind})`);
  return { app, store, bus, close };
}
