import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery } from '@prisma/driver-adapter-utils';

/**
 * The SQLite adapter runs everything on one connection and only makes transactions wait for each
 * other: a plain query issued by another request while an interactive transaction is open runs
 * inside that transaction, and is lost if it rolls back. This makes plain queries wait until no
 * transaction is open, so every request sees the connection to itself.
 */
export function serializeSqliteQueries(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async (): Promise<SqlDriverAdapter> => {
      const adapter = await factory.connect();
      let transactionEnded: Promise<void> | null = null;
      const whenIdle = async () => {
        while (transactionEnded !== null) await transactionEnded;
      };
      return {
        provider: adapter.provider,
        adapterName: adapter.adapterName,
        queryRaw: async (query: SqlQuery) => {
          await whenIdle();
          return adapter.queryRaw(query);
        },
        executeRaw: async (query: SqlQuery) => {
          await whenIdle();
          return adapter.executeRaw(query);
        },
        executeScript: async (script: string) => {
          await whenIdle();
          return adapter.executeScript(script);
        },
        startTransaction: async (isolationLevel) => {
          await whenIdle();
          let end = () => {};
          transactionEnded = new Promise((resolve) => {
            end = () => {
              transactionEnded = null;
              resolve();
            };
          });
          try {
            const transaction = await adapter.startTransaction(isolationLevel);
            return {
              provider: transaction.provider,
              adapterName: transaction.adapterName,
              options: transaction.options,
              queryRaw: (query) => transaction.queryRaw(query),
              executeRaw: (query) => transaction.executeRaw(query),
              commit: () => transaction.commit().finally(end),
              rollback: () => transaction.rollback().finally(end),
            };
          } catch (error) {
            end();
            throw error;
          }
        },
        ...(adapter.getConnectionInfo === undefined
          ? {}
          : { getConnectionInfo: () => adapter.getConnectionInfo?.() ?? { supportsRelationJoins: false } }),
        dispose: () => adapter.dispose(),
      };
    },
  };
}
