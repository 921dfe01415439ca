import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Target } from "./abusers";

/**
 * Runs bench:abuse's abusive clients in a child process (scripts/bench-abuse-clients.ts), so the
 * load generator that times the normal bookings has its event loop to itself, as it would if the
 * abusers were other machines. Started with this process's Node flags (tsx's loader).
 */

type Body = { body: Uint8Array; contentType: string };

/** What the child needs to make the abusers of scripts/bench/abusers.ts: data only, no functions. */
export type PlainMaterial = {
  /** Ten-traveler applications for real slots, new people each, used in turn; then noSlotTen. */
  tenTravelers: string[];
  noSlotTen: string;
  webpBombs: Uint8Array[];
  pngBombs: Uint8Array[];
  heavyBody: Body;
  sealedHeavyBody: Body;
  sealedPlainBytes: number;
};

export type AbuserReport = {
  name: string;
  what: string;
  address: string;
  counts: [string, number][];
  /** Raw-socket abusers: by answer, how long the server kept the socket (seconds). */
  held: [string, { p50: number; max: number }][];
};

export type ParentMessage = { type: "start"; target: Target; names: string[]; material: PlainMaterial } | { type: "stop" };
export type ChildMessage = { type: "started"; abusers: { name: string; what: string; address: string }[] } | { type: "report"; abusers: AbuserReport[] };

type RunningAbusers = {
  abusers: { name: string; what: string; address: string }[];
  pid: number;
  /** Stops them and answers how each was answered. */
  stop: () => Promise<AbuserReport[]>;
};

export async function startAbusers(target: Target, names: string[], material: PlainMaterial): Promise<RunningAbusers> {
  const child = fork(fileURLToPath(new URL("../bench-abuse-clients.ts", import.meta.url)), [], { serialization: "advanced", stdio: "inherit" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const next = <T extends ChildMessage["type"]>(type: T) =>
    new Promise<Extract<ChildMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (message: ChildMessage) => {
        if (message.type !== type) return;
        child.off("message", onMessage);
        resolve(message as Extract<ChildMessage, { type: T }>);
      };
      child.on("message", onMessage);
      void exited.then(() => reject(new Error(`the abusers' process exited before "${type}"`)));
    });
  const started = next("started");
  child.send({ type: "start", target, names, material } satisfies ParentMessage);
  const { abusers } = await started;
  return {
    abusers,
    pid: child.pid!,
    async stop() {
      const report = next("report");
      child.send({ type: "stop" } satisfies ParentMessage);
      const { abusers: reports } = await report;
      await exited;
      return reports;
    },
  };
}
