import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  AccountService,
  CaseLibrary,
  libraryFromJson,
  libraryFromMarkdownFiles,
  libraryToJson,
  libraryToMarkdownFiles,
  exportProgramme,
  importProgramme,
  loadContent,
  loadDemo,
  defaultExporters,
  MeetingEngine,
  newPassword,
  openAdapters,
  REPORT_FORMATS,
  type ReportFormat,
  ReportService,
  readConfig,
  startServer,
} from '@goedwerk/server';

const USAGE = `goedwerk — Goed Werk Hub

Usage:
  goedwerk start                       serve the app (loads the demo into an empty database)
  goedwerk migrate                     bring the database schema up to date
  goedwerk demo                        load the starter cases and the demo programme
  goedwerk links <meeting>             make new secret links to a meeting's console and screen
                                       (the old links stop working)
  goedwerk report-links <meeting>      make new secret links for the report's rapporteur and editor
  goedwerk report <meeting> [--format md|html|pdf|docx|odt] [--out file]
                                       write the meeting's report (a draft is marked as one)
  goedwerk create-admin <e-mail> [--name NAME]
                                       make an admin account; prints its password once
  goedwerk retention                   delete the raw contributions of meetings whose report was
                                       approved longer ago than GOEDWERK_RETENTION_DAYS (default 30)
  goedwerk export <programme> [--out file.json]
                                       write a programme with its meetings and cases as JSON
  goedwerk import <file.json>          read a programme export back in
  goedwerk library export [--format json|md] [--out file.json | --out folder]
                                       write the whole case library: one JSON document, or one
                                       Markdown file per case (with front matter) in a folder
  goedwerk library import <file.json | folder>
                                       read cases back (a folder: every .md file in it); a case
                                       with an id that exists replaces it; invalid ones are listed
  goedwerk help                        show this text

The database is the embedded one in GOEDWERK_DATA_DIR (default ./data), or the
PostgreSQL server in DATABASE_URL. GOEDWERK_THEME_CSS names a CSS file with the
organisation's design tokens (set on .gw-theme), which start serves after the
default theme. See README.md for every setting.`;

async function withStore<T>(task: (adapters: Awaited<ReturnType<typeof openAdapters>>) => Promise<T>): Promise<T> {
  const adapters = await openAdapters(readConfig());
  try {
    return await task(adapters);
  } finally {
    await adapters.bus.close();
    await adapters.store.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' }, format: { type: 'string', short: 'f' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    console.log(USAGE);
    return command === undefined && !values.help ? 1 : 0;
  }
  switch (command) {
    case 'start':
      await startServer(readConfig());
      return -1; // keeps running
    case 'migrate':
      return withStore(async ({ store }) => {
        console.log(`database schema is up to date (${store.kind})`);
        return 0;
      });
    case 'demo':
      return withStore(async ({ store, bus }) => {
        const content = await loadContent(readConfig().contentDir);
        const links = await loadDemo(store, new MeetingEngine(store, bus), content);
        console.log(`loaded ${content.cases.length} cases and ${content.programmes.length} programme(s)`);
        const base = readConfig().publicUrl;
        for (const l of links) {
          console.log(`new meeting ${l.meetingId}\n  console: ${base}/console/${l.meetingId}#token=${l.facilitatorToken}`);
          console.log(`  screen:  ${base}/screen/${l.meetingId}#token=${l.screenToken}`);
          if (l.rapporteurToken) console.log(`  report (rapporteur): ${base}/report/${l.meetingId}#token=${l.rapporteurToken}`);
          if (l.editorToken) console.log(`  report (editor):     ${base}/report/${l.meetingId}#token=${l.editorToken}`);
        }
        return 0;
      });
    case 'links': {
      const [meetingId] = rest;
      if (!meetingId) throw new UsageError('links needs a meeting id');
      return withStore(async ({ store, bus }) => {
        const links = await new MeetingEngine(store, bus).renewLinks(meetingId);
        if (!links) throw new UsageError(`no meeting ${meetingId}`);
        const base = readConfig().publicUrl;
        console.log(`console: ${base}/console/${meetingId}#token=${links.facilitatorToken}`);
        console.log(`screen:  ${base}/screen/${meetingId}#token=${links.screenToken}`);
        return 0;
      });
    }
    case 'report-links': {
      const [meetingId] = rest;
      if (!meetingId) throw new UsageError('report-links needs a meeting id');
      return withStore(async ({ store, bus }) => {
        const links = await new MeetingEngine(store, bus).renewReportLinks(meetingId);
        if (!links) throw new UsageError(`no meeting ${meetingId}`);
        const base = readConfig().publicUrl;
        console.log(`rapporteur: ${base}/report/${meetingId}#token=${links.rapporteurToken}`);
        console.log(`editor:     ${base}/report/${meetingId}#token=${links.editorToken}`);
        return 0;
      });
    }
    case 'report': {
      const [meetingId] = rest;
      if (!meetingId) throw new UsageError('report needs a meeting id');
      const format = (values.format ?? 'md') as ReportFormat;
      if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
      if (!values.out && !['md', 'html'].includes(format)) throw new UsageError(`--format ${format} needs --out FILE`);
      return withStore(async ({ store, bus }) => {
        const content = await loadContent(readConfig().contentDir);
        const exporters = ['md', 'html'].includes(format) ? null : defaultExporters();
        try {
          const reports = new ReportService(store, content, new MeetingEngine(store, bus), exporters);
          const loaded = await reports.load(meetingId);
          if (!loaded) throw new UsageError(`no meeting ${meetingId}`);
          const running = ['draft', 'open', 'running'].includes(loaded.meeting.state.status);
          const body = await reports.render(loaded.document, format, running);
          if (values.out) {
            await writeFile(values.out, body);
            console.error(`wrote ${values.out} (${format}, ${loaded.document.status}${running ? ', meeting still running' : ''})`);
          } else {
            process.stdout.write(body);
          }
        } finally {
          await exporters?.close();
        }
        return 0;
      });
    }
    case 'create-admin': {
      const [email] = rest;
      if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError('create-admin needs an e-mail address');
      return withStore(async ({ store }) => {
        const password = newPassword();
        const admin = await new AccountService(store).createAdmin(email, values.name ?? email, password);
        if (!admin) throw new UsageError(`an account with the address ${email} exists`);
        console.log(`admin ${admin.email} made; password (shown once): ${password}`);
        return 0;
      });
    }
    case 'retention': {
      const config = readConfig();
      return withStore(async ({ store, bus }) => {
        const content = await loadContent(config.contentDir);
        const purged = await new ReportService(store, content, new MeetingEngine(store, bus), null).sweepRetention(config.retentionDays);
        console.log(purged.length === 0 ? 'nothing to delete' : `deleted the raw contributions of: ${purged.join(', ')}`);
        return 0;
      });
    }
    case 'export': {
      const [programmeId] = rest;
      if (!programmeId) throw new UsageError('export needs a programme id');
      return withStore(async ({ store }) => {
        const doc = await exportProgramme(store, programmeId);
        if (!doc) throw new UsageError(`no programme ${programmeId}`);
        const json = `${JSON.stringify(doc, null, 2)}\n`;
        if (values.out) {
          await writeFile(values.out, json);
          console.error(`wrote ${values.out}: ${doc.meetings.length} meeting(s), ${doc.cases.length} case(s)`);
        } else {
          process.stdout.write(json);
        }
        return 0;
      });
    }
    case 'import': {
      const [file] = rest;
      if (!file) throw new UsageError('import needs a file');
      const data: unknown = JSON.parse(await readFile(file, 'utf8'));
      return withStore(async ({ store }) => {
        const summary = await importProgramme(store, data);
        console.log(
          `imported programme ${summary.programmeId}: ${summary.meetingsImported.length} meeting(s) new, ` +
            `${summary.meetingsSkipped.length} already there, ${summary.cases} case(s)`,
        );
        return 0;
      });
    }
    case 'library': {
      const [action, path] = rest;
      if (action === 'export') {
        const format = values.format ?? 'json';
        if (format !== 'json' && format !== 'md') throw new UsageError('--format must be json or md');
        if (format === 'md' && !values.out) throw new UsageError('--format md needs --out FOLDER');
        return withStore(async ({ store }) => {
          const cases = await new CaseLibrary(store).all();
          if (format === 'json') {
            const json = libraryToJson(cases);
            if (values.out) await writeFile(values.out, json);
            else process.stdout.write(json);
          } else {
            const folder = values.out ?? '';
            await mkdir(folder, { recursive: true });
            for (const file of libraryToMarkdownFiles(cases)) await writeFile(join(folder, file.name), file.content);
          }
          console.error(`wrote ${cases.length} case(s)${values.out ? ` to ${values.out}` : ''}`);
          return 0;
        });
      }
      if (action === 'import') {
        if (!path) throw new UsageError('library import needs a file or a folder');
        const read = (await stat(path)).isDirectory()
          ? libraryFromMarkdownFiles(
              await Promise.all(
                (await readdir(path))
                  .filter((name) => name.endsWith('.md'))
                  .sort()
                  .map(async (name) => ({ name, content: await readFile(join(path, name), 'utf8') })),
              ),
            )
          : libraryFromJson(await readFile(path, 'utf8'));
        return withStore(async ({ store }) => {
          const library = new CaseLibrary(store);
          for (const c of read.cases) await library.put(c);
          console.log(`imported ${read.cases.length} case(s)`);
          for (const e of read.errors) console.error(`not imported${e.file ? ` ${e.file}` : ''}${e.id ? ` (${e.id})` : ''}: ${e.reason}`);
          return read.errors.length === 0 ? 0 : 1;
        });
      }
      throw new UsageError('library needs export or import');
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(`goedwerk: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) console.error('\n' + USAGE);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
