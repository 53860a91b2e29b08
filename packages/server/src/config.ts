import { fileURLToPath } from 'node:url';

/** Everything the server reads from the environment, in one place (README: Configuration). */
export interface Config {
  readonly host: string;
  readonly port: number;
  /** postgres://… to use a PostgreSQL server; absent for the embedded database. */
  readonly databaseUrl: string | undefined;
  /** redis://… to use Redis as the bus between server nodes (docs/spec/bus.md); absent: see adapters.ts. */
  readonly redisUrl: string | undefined;
  readonly dataDir: string;
  readonly contentDir: string | undefined;
  readonly webRoot: string;
  /** The address people reach the server at, for the links it prints. */
  readonly publicUrl: string;
  readonly logLevel: string;
  /** Load the demo programme into an empty database on start. */
  readonly demo: boolean;
  /** Days after a report's approval until the meeting's raw contributions are deleted. */
  readonly retentionDays: number;
  /** Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-For is believed; none by default. */
  readonly trustedProxies: readonly string[];
  /** Where security problems are reported: published in /.well-known/security.txt. */
  readonly securityContact: string;
  /** Single sign-on: all three of GOEDWERK_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET, or none. */
  readonly oidc: { readonly issuer: string; readonly clientId: string; readonly clientSecret: string } | null;
  /**
   * GOEDWERK_SECRET: the deployment's shared secret, the same on every node, which signs the live
   * tickets so that any node accepts another's; absent means a random key per process.
   */
  readonly secret: string | undefined;
  /**
   * GOEDWERK_METRICS_TOKEN: a bearer token with which /metrics may be read from elsewhere than the
   * server itself (loopback); absent means loopback only.
   */
  readonly metricsToken: string | undefined;
  /**
   * GOEDWERK_THEME_CSS: the path of a CSS file with the organisation's design tokens, set on
   * `.gw-theme`; read at start (a missing file stops it) and linked after the default theme.
   */
  readonly themeCss: string | undefined;
}

/** The shortest GOEDWERK_SECRET accepted: 32 characters, e.g. `openssl rand -base64 32` (44). */
export const MIN_SECRET_LENGTH = 32;

/** The shortest GOEDWERK_METRICS_TOKEN accepted: a metrics scraper's token is a secret too. */
export const MIN_METRICS_TOKEN_LENGTH = 24;

const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.HOST ?? '127.0.0.1';
  const port = Number.parseInt(env.PORT ?? '3000', 10);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) throw new Error('REDIS_URL must start with redis:// or rediss://');
  const retentionDays = Number.parseInt(env.GOEDWERK_RETENTION_DAYS ?? '30', 10);
  if (!Number.isInteger(retentionDays) || retentionDays < 0 || retentionDays > 3650) {
    throw new Error(`GOEDWERK_RETENTION_DAYS must be a whole number of days (0–3650), got ${env.GOEDWERK_RETENTION_DAYS}`);
  }
  return {
    host,
    port,
    databaseUrl,
    redisUrl,
    dataDir: env.GOEDWERK_DATA_DIR ?? './data',
    contentDir: env.GOEDWERK_CONTENT_DIR,
    webRoot: env.GOEDWERK_WEB_ROOT ?? DEFAULT_WEB_ROOT,
    publicUrl: (env.GOEDWERK_PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/$/, ''),
    logLevel: env.LOG_LEVEL ?? 'info',
    demo: env.GOEDWERK_DEMO !== 'false',
    retentionDays,
    trustedProxies: (env.GOEDWERK_TRUSTED_PROXIES ?? '').split(',').map((p) => p.trim()).filter(Boolean),
    securityContact: env.GOEDWERK_SECURITY_CONTACT?.trim() || 'mailto:security@goedwerk.example',
    oidc: readOidc(env),
    secret: readSecret(env),
    metricsToken: readMetricsToken(env),
    themeCss: env.GOEDWERK_THEME_CSS?.trim() || undefined,
  };
}

function readSecret(env: NodeJS.ProcessEnv): string | undefined {
  const secret = env.GOEDWERK_SECRET?.trim();
  if (!secret) return undefined;
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`GOEDWERK_SECRET must be at least ${MIN_SECRET_LENGTH} characters (for example the output of \`openssl rand -base64 32\`)`);
  }
  return secret;
}

function readMetricsToken(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.GOEDWERK_METRICS_TOKEN?.trim();
  if (!token) return undefined;
  if (token.length < MIN_METRICS_TOKEN_LENGTH || /\s/.test(token)) {
    throw new Error(`GOEDWERK_METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters without spaces (for example the output of \`openssl rand -hex 24\`)`);
  }
  return token;
}

function readOidc(env: NodeJS.ProcessEnv): Config['oidc'] {
  const issuer = env.GOEDWERK_OIDC_ISSUER?.trim();
  const clientId = env.GOEDWERK_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.GOEDWERK_OIDC_CLIENT_SECRET?.trim();
  if (!issuer && !clientId && !clientSecret) return null;
  if (!issuer || !clientId || !clientSecret) {
    throw new Error('single sign-on needs GOEDWERK_OIDC_ISSUER, GOEDWERK_OIDC_CLIENT_ID and GOEDWERK_OIDC_CLIENT_SECRET together');
  }
  return { issuer, clientId, clientSecret };
}
