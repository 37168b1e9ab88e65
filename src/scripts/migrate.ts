import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/app-config';
import { resolveDatabase } from '../platform/database/database-url';
import { dataSourceOptions } from '../platform/database/data-source-options';
import { revertLastMigration, runMigrations } from '../platform/database/migrator';

/**
 * npm run migration:run | migration:revert | migration:generate -- <Name>
 * generate compares the entities with the database and writes the difference as a new
 * migration in migrations/ (review it, then add it to migrations/index.ts).
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  const { url, embedded } = await resolveDatabase(config, () => undefined);
  try {
    if (command === 'run') {
      const applied = await runMigrations(url, (m) => process.stdout.write(`${m}\n`));
      if (!applied.length) process.stdout.write('No pending migrations.\n');
    } else if (command === 'revert') {
      await revertLastMigration(url);
      process.stdout.write('Reverted the last migration.\n');
    } else if (command === 'generate') {
      if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error('usage: npm run migration:generate -- <PascalCaseName>');
      await runMigrations(url);
      const ds = new DataSource(dataSourceOptions(url, { entities: [path.join(__dirname, '..', '**', '*.entity.js')] }));
      await ds.initialize();
      const log = await ds.driver.createSchemaBuilder().log();
      await ds.destroy();
      // Constraints, indexes and defaults are written by hand in migrations (entities do not
      // model them), so proposals to drop them are left out; up and down queries pair by index.
      const handWritten = /DROP CONSTRAINT|DROP INDEX|ALTER COLUMN "[^"]+" DROP DEFAULT/;
      const keep = log.upQueries.map((q) => !handWritten.test(q.query));
      const sql = { upQueries: log.upQueries.filter((_, i) => keep[i]), downQueries: log.downQueries.filter((_, i) => keep[i]) };
      const skipped = keep.filter((k) => !k).length;
      if (skipped) process.stdout.write(`Left out ${skipped} statement(s) dropping hand-written constraints, indexes or defaults.\n`);
      if (!sql.upQueries.length) {
        process.stdout.write('Entities and database agree; nothing to generate.\n');
        return;
      }
      const ts = Date.now();
      const lines = (qs: { query: string }[]) => qs.map((q) => `    await q.query(${JSON.stringify(q.query)});`).join('\n');
      const file = path.join(process.cwd(), 'migrations', `${ts}-${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.ts`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(
        file,
        `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${ts} implements MigrationInterface {\n  name = '${name}${ts}';\n\n  async up(q: QueryRunner): Promise<void> {\n${lines(sql.upQueries)}\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n${lines(sql.downQueries.reverse())}\n  }\n}\n`,
      );
      process.stdout.write(`Wrote ${file}\nReview it (constraint names, indexes), then add ${name}${ts} to migrations/index.ts.\n`);
    } else {
      throw new Error('usage: migrate.js run | revert | generate <Name>');
    }
  } finally {
    if (embedded?.startedHere) await embedded.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(1);
});
