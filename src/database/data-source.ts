import { DataSource } from 'typeorm';
import { loadEnvironment } from '../config/load-environment';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI (`npm run migration:generate`). */
export default new DataSource(dataSourceOptions(loadEnvironment().DATABASE_URL));
