import { Client, QueryConfig } from 'pg';
import { currentDbScope, scopeStatement } from './scope';

const BEGIN = /^\s*(BEGIN|START\s+TRANSACTION)\b[^;]*;?\s*$/i;
/** Statements that manage the session or the transaction themselves: never wrapped. */
const CONTROL = /^\s*(COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE\s+TRANSACTION|SET|RESET|SHOW|DISCARD|LISTEN|UNLISTEN|DEALLOCATE)\b/i;

type Callback = (err: Error | null, result?: unknown) => void;

/**
 * The connections of the API and the worker (the pool's `Client`, given to TypeORM through `extra`),
 * so that every statement runs under the request's or job's row-level-security scope, whoever sends it
 * — TypeORM, `Sql.rows` on the pool, or code holding the raw pool:
 *
 * - a transaction's BEGIN carries the scope in the same round trip (`BEGIN; SELECT set_config(…, true)`);
 * - a statement outside any transaction is wrapped in one: `BEGIN; set_config`, the statement (a named
 *   prepared statement stays one), `COMMIT` — two extra round trips, never a session-level setting;
 * - inside a transaction statements pass as they are: the transaction already has its scope.
 *
 * With no scope in the context every setting is empty and the policies show no tenant rows.
 */
export class ScopedClient extends Client {
  override query(...args: unknown[]): never {
    const [config, second, third] = args as [string | (QueryConfig & { submit?: unknown }), unknown, unknown];
    const text = typeof config === 'string' ? config : config?.text;
    // Submittables (cursors, COPY streams) manage their own round trips: the caller opens the transaction.
    if (typeof text !== 'string' || (typeof config === 'object' && typeof config.submit === 'function'))
      return (super.query as (...a: unknown[]) => never)(...args);
    const callback = (typeof second === 'function' ? second : third) as Callback | undefined;
    const values = typeof second === 'function' ? undefined : (second as unknown[] | undefined);
    const result = this.scoped(config, text, values);
    if (!callback) return result as never;
    result.then(
      (r) => callback(null, r),
      (e: Error) => callback(e),
    );
    return undefined as never;
  }

  private async scoped(config: string | QueryConfig, text: string, values: unknown[] | undefined): Promise<unknown> {
    const plain = (q: string | QueryConfig, v?: unknown[]) => super.query(q as QueryConfig, v);
    // 'T'/'E': inside a transaction (its scope was set when it began); 'I': idle, outside one.
    const status = this.getTransactionStatus();
    if (status === 'T' || status === 'E' || CONTROL.test(text)) return plain(config, values);
    const scope = scopeStatement(currentDbScope());
    if (BEGIN.test(text) && !values?.length) {
      const results = (await super.query(`${text.replace(/;\s*$/, '')}; ${scope}`)) as unknown as unknown[];
      return results[0];
    }
    await super.query(`BEGIN; ${scope}`);
    let result: unknown;
    try {
      result = await plain(config, values);
    } catch (error) {
      await super.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    await super.query('COMMIT');
    return result;
  }
}
