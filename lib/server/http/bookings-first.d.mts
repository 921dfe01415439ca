import type { IncomingMessage, ServerResponse } from "node:http";

export function bookingsFirst(options?: { perTurn?: number }): {
  booking(response: ServerResponse): void;
  held(answer: () => void): void;
  readonly waiting: number;
};

export function isBooking(request: IncomingMessage): boolean;
