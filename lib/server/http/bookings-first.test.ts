import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { bookingsFirst, isBooking } from "./bookings-first.mjs";

const response = () => new EventEmitter() as unknown as ServerResponse;

describe("bookingsFirst", () => {
  it("answers at once while no booking is in flight", () => {
    const line = bookingsFirst({ perTurn: 2 });
    let answered = 0;
    for (let i = 0; i < 5; i++) line.held(() => answered++);
    expect(answered).toBe(5);
  });

  it("lets a few answers out per turn while a booking is in flight, and the rest once it is answered", async () => {
    const line = bookingsFirst({ perTurn: 3 });
    const booking = response();
    line.booking(booking);
    const order: number[] = [];
    for (let i = 0; i < 8; i++) line.held(() => order.push(i));
    expect(order).toEqual([]);
    await nextTurn();
    expect(order).toEqual([0, 1, 2]);
    await nextTurn();
    expect(order).toHaveLength(6);
    booking.emit("close");
    await nextTurn();
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(line.waiting).toBe(0);
    // Idle again: at once.
    line.held(() => order.push(8));
    expect(order).toHaveLength(9);
  });

  it("knows a booking by its method and path", () => {
    const request = (method: string, url: string) => ({ method, url }) as never;
    expect(isBooking(request("POST", "/api/v1/appointments"))).toBe(true);
    expect(isBooking(request("GET", "/api/v1/appointments"))).toBe(false);
    expect(isBooking(request("POST", "/api/v1/appointments/ABC/confirm"))).toBe(false);
  });
});
