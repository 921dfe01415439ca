/**
 * The abusive clients of bench:abuse, in a process of their own: started by scripts/bench-abuse.ts
 * (scripts/bench/abuse-process.ts), never by hand. Real abusers send from other machines; in the
 * bench's own process their 8 MB writes and hundreds of sockets would share the event loop that
 * times the normal bookings, and delays of the load generator would count as the server's.
 *
 * Protocol (IPC, advanced serialization): "start" with the target, the abusers to run and their
 * material; the abusers' names and descriptions back; then "stop", and each abuser's answers back.
 */
import { setMaxListeners } from "node:events";
import { makeAbusers, type Abuser } from "./bench/abusers";
import type { AbuserReport, ChildMessage, ParentMessage } from "./bench/abuse-process";

const stop = new AbortController();
// Every connection of every abuser listens for the end of the run.
setMaxListeners(1000, stop.signal);
let abusers: Abuser[] = [];
let running: Promise<unknown> = Promise.resolve();

function send(message: ChildMessage): void {
  process.send?.(message);
}

process.on("message", (message: ParentMessage) => {
  if (message.type === "start") {
    const { target, names, material } = message;
    const applications = material.tenTravelers;
    let next = 0;
    abusers = makeAbusers(target, {
      ...material,
      // Buffers arrive as plain Uint8Arrays.
      webpBombs: material.webpBombs.map((b) => Buffer.from(b)),
      pngBombs: material.pngBombs.map((b) => Buffer.from(b)),
      heavyBody: { ...material.heavyBody, body: Buffer.from(material.heavyBody.body) },
      sealedHeavyBody: { ...material.sealedHeavyBody, body: Buffer.from(material.sealedHeavyBody.body) },
      tenTravelers: () => applications[next++] ?? material.noSlotTen,
    }).filter((a) => names.includes(a.name));
    running = Promise.all(abusers.map((abuser) => abuser.run(stop.signal).catch((error) => console.error(`${abuser.name} failed: ${error}`))));
    send({ type: "started", abusers: abusers.map(({ name, what, address }) => ({ name, what, address })) });
  } else if (message.type === "stop") {
    stop.abort();
    void Promise.race([running, new Promise((resolve) => setTimeout(resolve, 15_000))]).then(() => {
      const reports: AbuserReport[] = abusers.map((abuser) => ({
        name: abuser.name,
        what: abuser.what,
        address: abuser.address,
        counts: [...abuser.outcomes.counts],
        held: [...(abuser.heldFor ?? [])].map(([answer, seconds]) => {
          const { p50, max } = seconds.summary();
          return [answer, { p50, max }];
        }),
      }));
      send({ type: "report", abusers: reports });
      setTimeout(() => process.exit(0), 100);
    });
  }
});
process.on("disconnect", () => process.exit(0));
