// Types for the parts of pandoc-wasm 1.1 we use (the package ships none).
declare module 'pandoc-wasm' {
  /** A file for pandoc's in-memory file system: text as a string, anything else as a Blob. */
  export type PandocFile = string | Blob;

  export interface ConvertResult {
    /** The output when no `output-file` is given. */
    readonly stdout: string;
    /** Pandoc's messages; on failure `ERROR: …`, and the output file is then missing. */
    readonly stderr: string;
    readonly warnings: unknown[];
    /** The files passed in, plus the output file (a Blob) and extracted media. */
    readonly files: Record<string, Blob | string>;
    readonly mediaFiles: Record<string, Blob>;
  }

  /** Runs pandoc with the options of a defaults file (`from`, `to`, `output-file`, `metadata` …). */
  export function convert(options: Record<string, unknown>, stdin: string | null, files: Record<string, PandocFile>): Promise<ConvertResult>;
  /** Synchronous in 1.1.0 despite its README; `await` works either way. */
  export function query(options: { query: string; format?: string }): unknown;
}
