import Fastify from 'fastify';
import { Pool } from 'pg';

/**
 * The bare reference of bench.md: a plain Fastify route running the endpoint's exact SQL through
 * `pg`, with no framework, no auth and no access checks. Queries come from REFERENCE_QUERIES
 * (JSON: name → { sql, params }); `GET /q/:name` runs one, `GET /q/:name/:arg` puts `arg` in `$1`.
 * With PREPARED=1 it uses named prepared statements, as the API does; by default pg's plain
 * unnamed statements, as a bare route would.
 */
async function main(): Promise<void> {
  const queries: Record<string, { sql: string; params: unknown[] }> = JSON.parse(process.env.REFERENCE_QUERIES ?? '{}');
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  const prepared = process.env.PREPARED === '1';
  const app = Fastify({ logger: false });
  app.get<{ Params: { name: string; arg?: string } }>('/q/:name/:arg?', async (req, reply) => {
    const q = queries[req.params.name];
    if (!q) return reply.code(404).send({ error: 'no such query' });
    const params = req.params.arg !== undefined ? [req.params.arg, ...q.params.slice(1)] : q.params;
    const { rows } = prepared ? await pool.query({ name: req.params.name, text: q.sql, values: params }) : await pool.query(q.sql, params);
    return req.params.arg !== undefined ? rows[0] : { items: rows };
  });
  await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
  process.send?.({ port: (app.server.address() as { port: number }).port });
  const stop = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
