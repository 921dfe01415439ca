import { setupServer } from "msw/node";
import { handlers } from "./handlers";

/** One MSW server for component tests: the contract handlers, overridden per test with `server.use`. */
export const server = setupServer(...handlers);
