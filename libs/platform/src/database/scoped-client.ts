import { Client, QueryConfig } from 'pg';
import { SCOPE_GENERIC_SQL, SCOPE_SQL, currentDbScope, scopeValues } from './scope';

const BEGIN = /^\s*(BEGIN|START\s+TRANSACTION)\b[^;]*;?\s*$/i;
/** Statements that manage the session or the transaction themselves: never wrapped. */
const CONTROL =
  /^\s*(COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE\s+TRANSACTION|SET|RESET|SHOW|DISCARD|LISTEN|UNLISTEN|DEALLOCATE)\b/i;
/** More than one statement: only the simple protocol runs those. */
const SEVERAL = /;\s*\S/;

/** The scope's statements, prepared once per connection (`generic` also asks for generic plans). */
const SCOPE = { name: 'canbo_scope', text: SCOPE_SQL };
const SCOPE_GENERIC = { name: 'canbo_scope_generic', text: SCOPE_GENERIC_SQL };

type Callback = (err: Error | null, result?: unknown) => void;

interface Wire {
  bind(config: { statement: string; values: unknown[] }): void;
  execute(config: { portal?: string }): void;
}
interface PgQuery {
  prepare(connection: Wire): void;
  callback?: Callback;
}
const PgQuery = (Client as unknown as { Query: new (config: QueryConfig & { queryMode?: string }, values?: unknown[]) => PgQuery }).Query;

/**
 * A statement outside a transaction, with its scope: the messages of the (already prepared) scope
 * statement go ahead of the statement's own, before one Sync. Everything up to a Sync is one implicit
 * transaction, so the transaction-local settings hold for the statement and end with it — one round
 * trip, no BEGIN or COMMIT. The answer holds two results; the caller gets the statement's.
 */
class ScopedQuery extends PgQuery {
  constructor(
    config: QueryConfig,
    private readonly scope: { statement: string; values: unknown[] },
    callback: Callback,
  ) {
    super({ ...config, queryMode: 'extended' });
    this.callback = (err, results) => callback(err, Array.isArray(results) ? results[results.length - 1] : results);
  }

  override prepare(connection: Wire): void {
    connection.bind(this.scope);
    connection.execute({});
    super.prepare(connection);
  }
}

/**
 * The connections of the API and the worker (the pool's `Client`, given to TypeORM through `extra`),
 * so that every statement runs under the request's or job's row-level-security scope, whoever sends it
 * — TypeORM, `Sql.rows` on the pool, or code holding the raw pool:
 *
 * - a transaction's BEGIN is followed by the scope's statement (`set_config(…, true)`), in the same round trip;
 * - a statement outside any transaction runs in one implicit transaction with the scope (ScopedQuery):
 *   one round trip, as before; never a session-level setting;
 * - inside a transaction statements pass as they are: the transaction already has its scope.
 *
 * With no scope in the context every setting is empty and the policies show no tenant rows.
 */
export class ScopedClient extends Client {
  private scopePrepared: Promise<unknown> | undefined;

  override query(...args: unknown[]): never {
    const [config, second, third] = args as [string | (QueryConfig & { submit?: unknown }), unknown, unknown];
    const text = typeof config === 'string' ? config : config?.text;
    // Submittables (cursors, COPY streams, ScopedQuery) manage their own messages: the caller opens the transaction.
    if (typeof text !== 'string' || (typeof config === 'object' && typeof config.submit === 'function'))
      return (super.query as (...a: unknown[]) => never)(...args);
    const callback = (typeof second === 'function' ? second : third) as Callback | undefined;
    const values = typeof second === 'function' ? undefined : (second as unknown[] | undefined);
    const result = this.scoped(typeof config === 'string' ? { text } : config, values);
    if (!callback) return result as never;
    result.then(
      (r) => callback(null, r),
      (e: Error) => callback(e),
    );
    return undefined as never;
  }

  private async scoped(config: QueryConfig, values: unknown[] | undefined): Promise<unknown> {
    const plain = (q: QueryConfig, v?: unknown[]) => super.query(q, v);
    // 'T'/'E': inside a transaction (its scope was set when it began); 'I': idle, outside one.
    const status = this.getTransactionStatus();
    if (status === 'T' || status === 'E' || CONTROL.test(config.text)) return plain(config, values);
    const scope = scopeValues(currentDbScope());
    await (this.scopePrepared ??= this.prepareScope().catch((error: unknown) => {
      this.scopePrepared = undefined;
      throw error;
    }));
    if (BEGIN.test(config.text) && !values?.length) {
      const [begun] = await this.pipelined([() => plain(config), () => plain(SCOPE, scope)]);
      return begun;
    }
    if (SEVERAL.test(config.text) && !values?.length) {
      const [, , result] = await this.pipelined([
        () => plain({ text: 'BEGIN' }),
        () => plain(SCOPE, scope),
        () => plain(config),
        () => plain({ text: 'COMMIT' }),
      ]);
      return result;
    }
    // A named statement exists to be planned once (Sql.rows). Under RLS the planner's guess for the
    // policy's filter keeps choosing custom plans (measured: 0 generic plans in 12 runs), so each call
    // would plan again; its transaction asks for the generic plan instead.
    const statement = config.name ? SCOPE_GENERIC.name : SCOPE.name;
    return new Promise((resolve, reject) => {
      const query = new ScopedQuery({ ...config, values: values ?? config.values }, { statement, values: scope }, (err, result) =>
        err ? reject(err) : resolve(result),
      );
      void super.query(query as never);
    });
  }

  /** Parses the scope's statements once per connection (each runs alone, with no scope: it sets nothing that lasts). */
  private async prepareScope(): Promise<void> {
    const none = scopeValues(undefined);
    await super.query(SCOPE, none);
    await super.query(SCOPE_GENERIC, none);
  }

  /**
   * Writes the queries together and waits for every answer: one round trip (pg's pipeline mode, on only
   * while this client is ours and idle). A failed statement aborts the transaction: COMMIT rolls back.
   */
  private async pipelined(queries: (() => Promise<unknown>)[]): Promise<unknown[]> {
    this.setPipeline(true);
    let settled: PromiseSettledResult<unknown>[];
    try {
      settled = await Promise.allSettled(queries.map((query) => query()));
    } finally {
      this.setPipeline(false);
    }
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value);
  }

  private setPipeline(on: boolean): void {
    (this as { pipeline: boolean }).pipeline = on;
  }
}
