import "server-only";
import type { Tx } from "@/lib/server/db/connection";
import { AppError } from "@/lib/shared/errors/app-error";
import { listPorts, readPort, type Port } from "./data/ports";
import { portPlaces } from "./demo-ports";

/**
 * The ports as the contract publishes them (`GET /api/v1/ports`, and the port step's HTML), with
 * the Mexican city and the coordinates of the crossings Puerta knows (extra fields, optional).
 */
export async function listPublicPorts() {
  return (await listPorts()).map(({ id, name, state, timeZone, mode, address }) => ({ id, name, state, timeZone, mode, address, ...portPlaces[id] }));
}

/** The port with this id; `port_not_found` when there is none. */
export async function findPort(portId: string, tx?: Tx): Promise<Port> {
  const port = await readPort(portId, tx);
  if (!port) throw new AppError("port_not_found");
  return port;
}
