import { EventEmitter, once } from 'node:events';
import { Connection } from 'pg';

/** The parts of pg's Connection used here (its published types lag the code). */
interface RawConnection extends EventEmitter {
  connect(port: number, host: string): void;
  startup(config: { user: string; database: string }): void;
  parse(query: { name: string; text: string; types: number[] }): void;
  describe(message: { type: 'S' | 'P'; name: string }): void;
  sync(): void;
  end(): void;
}

export interface Described {
  /** The columns a statement returns (name and type OID), empty when it returns none. */
  fields: { name: string; dataTypeID: number }[];
}

/**
 * Asks PostgreSQL to parse and describe statements without running them (the extended
 * protocol's Parse + Describe), over a raw connection: what a statement returns, or why it
 * cannot be prepared. PostgreSQL 15 has no pg_prepared_statements.result_types (16 does), and
 * pg's Client offers no describe call, hence the bare Connection. Needs a role that signs in
 * without a password (trust), as the tests' database does.
 */
export async function describer(databaseUrl: string): Promise<{ describe: (text: string) => Promise<Described>; close: () => void }> {
  const url = new URL(databaseUrl);
  const connection = new Connection() as unknown as RawConnection;
  connection.on('authenticationCleartextPassword', () => connection.emit('errorMessage', new Error('describe-statement needs trust authentication')));
  connection.connect(Number(url.port || 5432), url.hostname);
  await once(connection, 'connect');
  connection.startup({ user: decodeURIComponent(url.username || 'postgres'), database: url.pathname.slice(1) });
  await waitReady(connection);
  return {
    describe: async (text) => {
      let fields: Described['fields'] = [];
      let failure: Error | undefined;
      const onRows = (msg: { fields: { name: string; dataTypeID: number }[] }) => (fields = msg.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })));
      const onError = (error: Error) => (failure = error);
      connection.on('rowDescription', onRows);
      connection.on('errorMessage', onError);
      connection.parse({ name: '', text, types: [] });
      connection.describe({ type: 'S', name: '' });
      connection.sync();
      await waitReady(connection);
      connection.off('rowDescription', onRows);
      connection.off('errorMessage', onError);
      if (failure) throw failure;
      return { fields };
    },
    close: () => connection.end(),
  };
}

async function waitReady(connection: RawConnection): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      connection.off('readyForQuery', done);
      reject(error);
    };
    const done = () => {
      connection.off('error', fail);
      resolve();
    };
    connection.once('readyForQuery', done);
    connection.once('error', fail);
  });
}
