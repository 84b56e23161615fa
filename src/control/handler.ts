import type { Request, RequestHandler } from 'express';
import { renderPlain, write, type ControlHandler } from '../http/result.js';

/** Validates a control-plane body against a schema compiled once; answers 400 with every failing field. */
export type BodyReader = (req: Request, validate: (v: unknown) => Record<string, string[]> | null) => Record<string, unknown>;

/** Wraps a control handler: its result is written as plain JSON by the one writer. */
export const handle =
  (fn: ControlHandler): RequestHandler =>
  async (req, res) => {
    write(res, renderPlain(await fn(req, res)));
  };
