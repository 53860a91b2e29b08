import { bearerToken } from './secrets.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONTENT_TYPES, REPORT_FORMATS, type ReportFormat, type ReportResult, type ReportService } from './reports.ts';

const params = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,80}$' } },
  required: ['id'],
} as const;

const sections = {
  type: 'array',
  maxItems: 60,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'title', 'markdown', 'included'],
    properties: {
      id: { type: 'string', pattern: '^[a-z0-9-]{1,80}$' },
      title: { type: 'string', maxLength: 300 },
      markdown: { type: 'string', maxLength: 1_000_000 },
      included: { type: 'boolean' },
    },
  },
} as const;

const name = { type: 'string', minLength: 1, maxLength: 120 } as const;
const version = { type: 'integer', minimum: 0 } as const;

/** The bearer token of a secret link (console, rapporteur or editor). */
function tokenOf(request: FastifyRequest): string | undefined {
  return bearerToken(request.headers.authorization);
}

function send<T>(reply: FastifyReply, result: ReportResult<T>): T | FastifyReply {
  if (result.ok) return result.value;
  const { status, ...body } = result.failure;
  return reply.code(status).header('cache-control', 'no-store').send(body);
}

/** [API-12] the report: read, preview, edit and move along the workflow, export. Handlers only translate. */
export function registerReportRoutes(app: FastifyInstance, reports: ReportService): void {
  app.get<{ Params: { id: string } }>('/api/meetings/:id/report', { schema: { params } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return send(reply, await reports.get(req.params.id, tokenOf(req)));
  });

  app.post<{ Params: { id: string }; Body: { sections: { id: string; title: string; markdown: string; included: boolean }[] } }>(
    '/api/meetings/:id/report/preview',
    { bodyLimit: 4 * 1024 * 1024, schema: { params, body: { type: 'object', additionalProperties: false, required: ['sections'], properties: { sections } } } },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const result = await reports.preview(req.params.id, tokenOf(req), req.body.sections);
      return send(reply, result.ok ? { ok: true, value: { html: result.value } } : result);
    },
  );

  app.put<{ Params: { id: string }; Body: { version: number; name: string; sections: { id: string; title: string; markdown: string; included: boolean }[] } }>(
    '/api/meetings/:id/report',
    {
      // A busy meeting's generated report runs to a few hundred kilobytes.
      bodyLimit: 4 * 1024 * 1024,
      schema: { params, body: { type: 'object', additionalProperties: false, required: ['version', 'name', 'sections'], properties: { version, name, sections } } },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const { version: v, name: n, sections: s } = req.body;
      return send(reply, await reports.act(req.params.id, tokenOf(req), { version: v, name: n, action: 'edit', sections: s }));
    },
  );

  app.post<{ Params: { id: string }; Body: { version: number; name: string; action: 'submit' | 'return' | 'approve' | 'publish' | 'regenerate'; note?: string; acknowledgeFindings?: boolean } }>(
    '/api/meetings/:id/report/actions',
    {
      schema: {
        params,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['version', 'name', 'action'],
          properties: {
            version,
            name,
            action: { type: 'string', enum: ['submit', 'return', 'approve', 'publish', 'regenerate'] },
            note: { type: 'string', maxLength: 500 },
            acknowledgeFindings: { type: 'boolean' },
          },
        },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return send(reply, await reports.act(req.params.id, tokenOf(req), req.body));
    },
  );

  app.get<{ Params: { id: string; format: string } }>(
    '/api/meetings/:id/report.:format',
    { schema: { params: { ...params, properties: { ...params.properties, format: { type: 'string', enum: [...REPORT_FORMATS] } }, required: ['id', 'format'] } } },
    async (req, reply) => {
      const format = req.params.format as ReportFormat;
      const result = await reports.export(req.params.id, tokenOf(req), format);
      if (!result.ok) return send(reply, result);
      const { body, filename } = result.value;
      return reply
        .header('cache-control', 'no-store')
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    },
  );
}
