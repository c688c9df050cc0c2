import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TestApi, startApi } from './support/api';

/**
 * Every table has an entity, and every entity column is a column of its table (architecture.md, "The
 * data layer"): rows are typed once, from the schema the migrations made, not from memory.
 */
describe('entities', () => {
  let api: TestApi;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startApi();
    dataSource = api.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(() => api?.close());

  it('describe every table the migrations create (the migration ledger aside)', async () => {
    const tables = (
      await api.db.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migration' ORDER BY 1`,
      )
    ).rows.map((r) => r.name);
    const described = [...new Set(dataSource.entityMetadatas.map((m) => m.tableName))].sort();
    expect(described).toEqual(tables);
  });

  it('map only columns that exist, with version and update-date columns where the table has them', async () => {
    const columns = (
      await api.db.query<{ t: string; c: string }>(
        `SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public'`,
      )
    ).rows;
    const byTable = new Map<string, Set<string>>();
    for (const { t, c } of columns) byTable.set(t, (byTable.get(t) ?? new Set()).add(c));
    for (const meta of dataSource.entityMetadatas) {
      const actual = byTable.get(meta.tableName) ?? new Set<string>();
      const mapped = meta.columns.map((c) => c.databaseName);
      expect({ table: meta.tableName, missing: mapped.filter((c) => !actual.has(c)) }).toEqual({ table: meta.tableName, missing: [] });
      // outbox.version is the version of a job's payload schema (queues.ts), not a row version.
      if (actual.has('version') && meta.tableName !== 'outbox')
        expect({ table: meta.tableName, version: meta.versionColumn?.databaseName }).toEqual({ table: meta.tableName, version: 'version' });
      if (actual.has('updated_at'))
        expect({ table: meta.tableName, updated: meta.updateDateColumn?.databaseName }).toEqual({
          table: meta.tableName,
          updated: 'updated_at',
        });
    }
  });
});
