import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/platform';
import { entities, migrations } from './schema';

/** For the TypeORM CLI (npm run migration:generate -- audit Name). */
export default new DataSource(
  dataSourceOptions({
    url: process.env.AUDIT_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rac_audit',
    entities,
    migrations,
  }),
);
