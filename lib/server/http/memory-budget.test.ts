import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/shared/errors/app-error";
import { readBoundedBody } from "./body";
import { ByteBudget } from "./byte-budget";
import { BodyHold, bodyBytesHeld, withBodyBudget } from "./memory-budget";

const KiB = 1024;
const MiB = 1024 * KiB;

/** Other requests' holdings of 1 MiB each (a sixteenth of these tests' 16 MiB: not large). */
function heldByOthers(budget: ByteBudget, mebibytes: number): BodyHold[] {
  return Array.from({ length: mebibytes }, () => {
    const hold = new BodyHold(budget);
    hold.take(MiB);
    return hold;
  });
}

/** A request whose body arrives as `chunks` and then waits; the test ends it. */
function streamingRequest(chunks: Uint8Array[], options: { length?: number; signal?: AbortSignal } = {}) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      for (const chunk of chunks) c.enqueue(chunk);
    },
  });
  const headers = options.length === undefined ? undefined : { "content-length": String(options.length) };
  const request = new Request("http://localhost/api/v1/appointments", { method: "POST", body, duplex: "half", headers, signal: options.signal } as RequestInit);
  return { request, controller };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Lets the reader take what is queued. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe("a body's share of the memory budget", () => {
  it("takes a declared length whole before reading, and refuses at once what does not fit", async () => {
    const budget = new ByteBudget(16 * MiB);
    const others = heldByOthers(budget, 15);
    const first = new BodyHold(budget);
    const held = streamingRequest([new Uint8Array(KiB)], { length: 600 * KiB });
    const reading = readBoundedBody(held.request, 10 * MiB, first);
    await settle();
    expect(budget.inUse().held).toBe(15 * MiB + 600 * KiB);

    const second = new BodyHold(budget);
    const refused = streamingRequest([], { length: 500 * KiB });
    const error = await refusal(readBoundedBody(refused.request, 10 * MiB, second));
    expect(error.code).toBe("service_unavailable");
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    // Refused before a byte was read: the body is left for the client's connection to drop.
    expect(refused.request.bodyUsed).toBe(false);
    expect(budget.inUse().held).toBe(15 * MiB + 600 * KiB);

    held.controller.enqueue(new Uint8Array(600 * KiB - KiB));
    held.controller.close();
    expect((await reading).byteLength).toBe(600 * KiB);
    first.release();
    for (const hold of others) hold.release();
    expect(budget.inUse().held).toBe(0);
  });

  it("takes a body of undeclared length as it arrives, and refuses it midway when the budget is full", async () => {
    const budget = new ByteBudget(16 * MiB);
    const others = heldByOthers(budget, 15);
    const hold = new BodyHold(budget);
    const { request, controller } = streamingRequest([new Uint8Array(100 * KiB)]);
    const reading = refusal(readBoundedBody(request, 10 * MiB, hold));
    await settle();
    expect(budget.inUse().held).toBe(15 * MiB + 100 * KiB);
    controller.enqueue(new Uint8Array(1000 * KiB));
    expect((await reading).code).toBe("service_unavailable");
    // What it had taken stays its own until its request ends.
    expect(budget.inUse().held).toBe(15 * MiB + 100 * KiB);
    hold.release();
    for (const other of others) other.release();
    expect(budget.inUse().held).toBe(0);
  });

  it("gives up on a body whose stream fails or whose client went away: malformed_request, never a 500", async () => {
    const budget = new ByteBudget(16 * MiB);
    const broken = streamingRequest([new Uint8Array(KiB)], { length: 100 * KiB });
    const brokenHold = new BodyHold(budget);
    const reading = refusal(readBoundedBody(broken.request, 10_000 * KiB, brokenHold));
    await settle();
    broken.controller.error(new Error("socket hang up"));
    expect((await reading).code).toBe("malformed_request");

    const client = new AbortController();
    const gone = streamingRequest([new Uint8Array(KiB)], { length: 100 * KiB, signal: client.signal });
    const goneHold = new BodyHold(budget);
    const waiting = refusal(readBoundedBody(gone.request, 10_000 * KiB, goneHold));
    await settle();
    client.abort();
    expect((await waiting).code).toBe("malformed_request");

    expect(budget.inUse().held).toBe(200 * KiB);
    brokenHold.release();
    goneHold.release();
    expect(budget.inUse().held).toBe(0);
  });

  it("refuses a body over the size limit before the budget, with 413", async () => {
    const budget = new ByteBudget(16 * MiB);
    const { request } = streamingRequest([], { length: 2000 * KiB });
    expect((await refusal(readBoundedBody(request, 1500 * KiB, new BodyHold(budget)))).code).toBe("payload_too_large");
    expect(budget.inUse().held).toBe(0);
  });

  it("gives the process's budget back when the work ends, answered or failed", async () => {
    const before = bodyBytesHeld().held;
    await withBodyBudget(async (hold) => {
      hold.take(300 * KiB);
      expect(bodyBytesHeld().held).toBe(before + 300 * KiB);
    });
    expect(bodyBytesHeld().held).toBe(before);
    const failed = withBodyBudget(async (hold) => {
      hold.take(300 * KiB);
      throw new Error("the submission failed");
    });
    await expect(failed).rejects.toThrow("the submission failed");
    expect(bodyBytesHeld().held).toBe(before);
  });
});
