import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** COPY text format: NULL, and the four characters that must be escaped inside a value. */
export const NULL = '\\N';
const SPECIAL = /[\\\t\n\r]/;
export function text(value: string | null | undefined): string {
  if (value === null || value === undefined) return NULL;
  return SPECIAL.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
}

const CHUNK = 256 * 1024;

/**
 * One `COPY … FROM STDIN` on its own connection, fed line by line. Lines are batched into ~256 KB
 * chunks; `push` resolves at once unless the socket is full, so one generator can feed several sinks
 * and each keeps its own backpressure (memory stays flat whatever the row count).
 */
export class CopySink {
  rows = 0;
  private buf = '';
  private failure: Error | undefined;
  private readonly stream;
  private readonly failed: Promise<never>;

  constructor(
    client: Client,
    readonly table: string,
    columns: readonly string[],
  ) {
    this.stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    this.failed = new Promise<never>((_, reject) =>
      this.stream.on('error', (error: Error) => {
        this.failure = error;
        reject(error);
      }),
    );
    this.failed.catch(() => undefined); // observed through push/end
  }

  /** Adds one row (its columns already encoded with `text`, joined by tabs, no newline). */
  push(line: string): Promise<void> | undefined {
    this.buf += line + '\n';
    this.rows++;
    return this.buf.length >= CHUNK ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.buf) return;
    const ok = this.stream.write(this.buf);
    this.buf = '';
    if (!ok) await Promise.race([once(this.stream, 'drain'), this.failed]);
  }

  /** Sends the rest and waits for PostgreSQL to confirm the COPY. */
  async end(): Promise<number> {
    await this.flush();
    this.stream.end();
    await Promise.race([finished(this.stream), this.failed]);
    return this.rows;
  }
}
