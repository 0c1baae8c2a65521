// Data items: migrations when the code talks to a database; backups are judged by a person.
import { defineItem, type ItemDefinition } from '../item';
import { baseName } from '../context';

const MIGRATION_DIR = /(^|\/)(migrations?|migrate|alembic|db\/migrate|schema_migrations|changelogs?\/db)\//i;
const MIGRATION_CONFIG = /^(alembic\.ini|diesel\.toml|atlas\.hcl|flyway\.(conf|toml)|liquibase\.properties|knexfile\.[jt]s|ormconfig\.(json|[jt]s|ya?ml)|dbmate\.env|\.sqlx|schema\.prisma|drizzle\.config\.[jt]s|goose\.ya?ml|sqlc\.ya?ml)$/i;

export const dataItems: readonly ItemDefinition[] = [
  defineItem({
    id: 'migrations',
    category: 'Data',
    title: 'Schema migrations are versioned',
    looksFor: 'a migrations/ (migrate/, alembic/, db/migrate/) directory or a migration tool config (alembic.ini, diesel.toml, atlas.hcl, flyway.conf, knexfile, schema.prisma, drizzle.config, …)',
    evaluate(context) {
      const database = context.signals('database');
      if (database.length === 0) return { status: 'n/a', evidence: [{ path: '.', note: 'the code uses no database client (looked for sqlx/diesel/sea-orm/postgres, database/sql/gorm/pgx, pg/prisma/typeorm/knex/mongoose, sqlalchemy/psycopg/django.db, …)' }] };
      const dirs = [...new Set(context.files.map((path) => MIGRATION_DIR.exec(path)).filter((match): match is RegExpExecArray => match !== null).map((match) => match.input.slice(0, match.index + match[0].length)))];
      const configs = context.files.filter((path) => MIGRATION_CONFIG.test(baseName(path)));
      const evidence = [...dirs.map((dir) => ({ path: dir.replace(/\/$/, ''), note: 'migrations directory' })), ...configs.map((path) => ({ path, note: 'migration tool configuration' }))];
      if (evidence.length > 0) return { status: 'pass', evidence: evidence.slice(0, 10) };
      const first = database[0]!;
      return { status: 'fail', evidence: [{ path: first.path, line: first.line, note: `the code uses a database (${first.detail}) but there is no migrations directory or migration tool configuration` }] };
    },
  }),
  defineItem({
    id: 'backups-restore',
    category: 'Data',
    title: 'Backups taken and a restore rehearsed',
    looksFor: 'nothing: whether backups exist and restoring one was tried is for a person to confirm',
    evaluate: () => ({ status: 'manual', evidence: [{ path: '.', note: 'a person confirms that backups run and that a restore was rehearsed' }] }),
  }),
];
