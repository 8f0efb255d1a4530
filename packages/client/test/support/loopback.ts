/** A real HTTP server on 127.0.0.1 with a swappable handler; records every request it reads. */
export {
  json as sendJson,
  startServer as loopback,
  type Handler,
  type SeenRequest as Seen,
  type TestServer as Loopback,
} from '@vidukit/test-utils/loopback-server';

export const caught = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
