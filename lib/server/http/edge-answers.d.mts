import type { IncomingMessage, ServerResponse } from "node:http";

export function answerAtEdge(request: IncomingMessage, response: ServerResponse): boolean;

export function asksHeldAnswer(request: IncomingMessage): boolean;
