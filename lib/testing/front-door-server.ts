// A real Node HTTP server with the front door in front, as scripts/start.mjs runs it: what the
// front door does not answer gets a 204 with `x-passed: 1`, standing in for Next.js.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { frontDoor, openFrontDoor } from "@/lib/api/front-door";

/** The server, with the front door open (as instrumentation.ts opens it once the database is ready). */
export async function frontDoorServer(): Promise<{ port: number; close: () => Promise<void> }> {
  openFrontDoor();
  const server = createServer((req, res) => {
    if (frontDoor(req, res)) return;
    res.writeHead(204, { "x-passed": "1" }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
