// Plain JavaScript: server.mjs uses it before Next.js (and TypeScript) are in play.

/**
 * Bookings before the crowd, in one process. At the minute slots open, a thousand phones poll
 * availability and ask again the moment they are answered: an unbounded demand for answers that
 * cost a map lookup and a write each (edge-answers.mjs). Answered as they arrive, hundreds of them
 * would sit in every turn of the event loop in front of the bookings' own continuations (each
 * booking is ~10 turns: body, database round trips, answer). While a booking is in flight in this
 * process, held answers wait in line and at most `perTurn` of them go out per turn of the event
 * loop, so a booking's next step waits behind a few polls, not hundreds. A phone waits a little
 * longer for "what is free" (it asks again anyway) and, asking again later, asks less often: the
 * crowd's rate follows what the process can spare. With no booking in flight, answers go out at
 * once.
 *
 * @param {{ perTurn?: number }} [options]
 */
export function bookingsFirst({ perTurn = 8 } = {}) {
  let bookings = 0;
  /** @type {(() => void)[]} */
  const waiting = [];
  let scheduled = false;

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // After this turn's I/O (the bookings' database answers among it), before the next turn's.
    setImmediate(drain);
  };
  function drain() {
    scheduled = false;
    for (let n = 0; waiting.length > 0 && (bookings === 0 || n < perTurn); n++) waiting.shift()();
    if (waiting.length > 0) schedule();
  }

  return {
    /**
     * Counts a booking request as in flight until its response is finished or its connection
     * closes.
     * @param {import("node:http").ServerResponse} response
     */
    booking(response) {
      bookings++;
      response.once("close", () => {
        bookings--;
        if (bookings === 0 && waiting.length > 0) schedule();
      });
    },
    /**
     * Runs `answer` now when no booking is in flight and nothing waits, else in line.
     * @param {() => void} answer
     */
    held(answer) {
      if (bookings === 0 && waiting.length === 0) return answer();
      waiting.push(answer);
      schedule();
    },
    /** Answers waiting: for tests. */
    get waiting() {
      return waiting.length;
    },
  };
}

/**
 * Whether the request is a booking (POST /api/v1/appointments, plain or sealed).
 * @param {import("node:http").IncomingMessage} request
 */
export function isBooking(request) {
  return request.method === "POST" && (request.url === "/api/v1/appointments" || request.url?.startsWith("/api/v1/appointments?"));
}
