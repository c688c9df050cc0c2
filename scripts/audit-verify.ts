import { Pool } from 'pg';
import { verifyAuditChains } from '@canbo/audit';
import { loadConfig } from '@canbo/platform';

/**
 * `npm run audit:verify`: recomputes every committee's hash chain, expects one for every committee and
 * compares them with the latest daily checkpoint; exit 1 and the first broken link per chain.
 */
async function main(): Promise<void> {
  const { DATABASE_URL } = loadConfig({ JWT_SECRET: 'x'.repeat(32), ...process.env });
  const pool = new Pool({ connectionString: DATABASE_URL, max: 1 });
  try {
    const report = await verifyAuditChains(pool);
    const against = report.checkpoint ? `checked against the checkpoint of ${report.checkpoint}` : 'no checkpoint taken yet';
    if (report.broken.length === 0) {
      console.log(`audit trail intact: ${report.events} events in ${report.committees} committee chains (${against})`);
      return;
    }
    console.log(`audit trail BROKEN in ${report.broken.length} of ${report.committees} chains (${report.events} events read, ${against}):`);
    for (const b of report.broken)
      console.log(`  ${b.committeeCode}: first broken link at seq ${b.seq}${b.eventId ? ` (event ${b.eventId})` : ''}: ${b.reason}`);
    process.exitCode = 1;
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
