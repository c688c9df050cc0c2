import { Client, QueryConfig } from 'pg';
import { GENERIC_PLANS_SQL, currentDbScope, scopeStatement } from './scope';

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
 *   prepared statement stays one), `COMMIT`, pipelined into one round trip; never a session-level setting;
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
    // A named statement exists to be planned once (Sql.rows). Under RLS the planner's guess for the
    // policy's filter keeps choosing custom plans (measured: 0 generic plans in 12 runs), so each call
    // would plan again; this transaction asks for the generic plan instead.
    const generic = typeof config === 'object' && config.name ? `, ${GENERIC_PLANS_SQL}` : '';
    // One round trip: BEGIN with the scope, the statement, COMMIT are written together (pg's pipeline
    // mode, on only while this client is ours and idle). A failed statement makes COMMIT a rollback.
    this.setPipeline(true);
    let settled: PromiseSettledResult<unknown>[];
    try {
      settled = await Promise.allSettled([super.query(`BEGIN; ${scope}${generic}`), plain(config, values), super.query('COMMIT')]);
    } finally {
      this.setPipeline(false);
    }
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return (settled[1] as PromiseFulfilledResult<unknown>).value;
  }

  private setPipeline(on: boolean): void {
    (this as { pipeline: boolean }).pipeline = on;
  }
}
