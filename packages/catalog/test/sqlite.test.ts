import { describeCatalog } from './describeCatalog.ts';
import { freshSqliteDatabase } from './testDatabases.ts';

describeCatalog('SQLite', freshSqliteDatabase);
