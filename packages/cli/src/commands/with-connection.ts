/** Runs a command against a connection to the API (never the embedded simulator) and closes it. */
import { connect, type Connection, type GlobalOptions } from '../connection.js';
import { reportFailure } from '../failure.js';
import type { Output } from '../output.js';

export async function withConnection(g: GlobalOptions, out: Output, fn: (conn: Connection) => Promise<number>): Promise<number> {
  let conn: Connection;
  try {
    conn = await connect(g, out, { allowEmbedded: false });
  } catch (error) {
    return reportFailure(out, error);
  }
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}
