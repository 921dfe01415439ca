import type { Server } from "node:http";

export const TIMEOUTS: Readonly<{
  headersMs: number;
  requestMs: number;
  bodyIdleMs: number;
  keepAliveMs: number;
  keepAliveBehindProxyMs: number;
  checkIntervalMs: number;
  drainBytes: number;
  lingerMs: number;
}>;

export function serverOptions(options?: { behindProxy?: boolean; timeouts?: typeof TIMEOUTS }): {
  headersTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionsCheckingInterval: number;
};

export function dropStalledBodies(server: Server, limits?: { idleMs?: number; drainBytes?: number; lingerMs?: number }): void;
