/**
 * The console's JSON API under `/agent/api`: the queue, one ticket with its transcript, the
 * agent's actions, and the live event stream. Every route needs the agent token. Bad input is a
 * 400/404 with a message; a refused action (wrong phase, someone else's ticket) is a 409 with
 * the service's reason and the ticket as it now is.
 */
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import { redact } from '../../core/redact.ts';
import type { TicketStatus } from '../ticket.ts';
import { requireBearer } from './bearerAuth.ts';
import type { ConsoleActionResult, ConsoleService } from './consoleService.ts';
import {
  type ActionResponse,
  type DetailResponse,
  type ListResponse,
  MAX_AGENT_NAME_LENGTH,
  MAX_REPLY_LENGTH,
  queueOrder,
  RETURN_STATES,
  toWireTicket,
  type WireMessage,
} from './consoleWire.ts';
import type { EventStream } from './eventStream.ts';

const STATUSES: readonly TicketStatus[] = ['queued', 'active', 'closed', 'returned', 'cancelled'];
const WIRE_ROLES = new Set<string>(['user', 'bot', 'agent']);

/** A client mistake, answered as JSON with its status; never logged as a server error. */
class BadRequest extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function isClientError(error: unknown): error is { status: number; message?: string } {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function parseStatuses(raw: unknown): TicketStatus[] {
  if (raw === undefined || raw === '') return ['queued', 'active'];
  if (typeof raw !== 'string')
    throw new BadRequest(400, 'bad_status', 'Give `status` once, comma-separated.');
  const wanted = raw.split(',').map((s) => s.trim());
  const unknown = wanted.filter((s) => !STATUSES.includes(s as TicketStatus));
  if (unknown.length > 0) {
    throw new BadRequest(
      400,
      'bad_status',
      `Unknown status ${unknown.join(', ')}: use ${STATUSES.join(', ')}.`,
    );
  }
  return [...new Set(wanted as TicketStatus[])];
}

function bodyOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequest(400, 'bad_request', 'Send a JSON object with Content-Type: application/json.');
  }
  return body as Record<string, unknown>;
}

function parseAgent(body: Record<string, unknown>): string {
  const agent = typeof body.agent === 'string' ? body.agent.trim() : '';
  if (agent === '')
    throw new BadRequest(400, 'missing_agent', 'Give `agent`: the name users and colleagues see.');
  if (agent.length > MAX_AGENT_NAME_LENGTH) {
    throw new BadRequest(400, 'agent_too_long', `\`agent\` is at most ${MAX_AGENT_NAME_LENGTH} characters.`);
  }
  return agent;
}

function parseText(body: Record<string, unknown>): string {
  const text = typeof body.text === 'string' ? body.text.trim() : '';
  if (text === '') throw new BadRequest(400, 'missing_text', 'Give `text`: the reply to send to the user.');
  if (text.length > MAX_REPLY_LENGTH) {
    throw new BadRequest(400, 'text_too_long', `\`text\` is at most ${MAX_REPLY_LENGTH} characters.`);
  }
  return text;
}

function parseReturnState(body: Record<string, unknown>): string | undefined {
  if (body.to === undefined || body.to === null) return undefined;
  if (typeof body.to === 'string' && Object.hasOwn(RETURN_STATES, body.to)) return body.to;
  throw new BadRequest(400, 'bad_return_state', `\`to\` is one of ${Object.keys(RETURN_STATES).join(', ')}.`);
}

export interface ConsoleApiOptions {
  service: ConsoleService;
  agentToken: string | null;
  events: EventStream;
  onError: (error: unknown) => void;
  now: () => number;
}

export function createConsoleApi(opts: ConsoleApiOptions): Router {
  const { service, events } = opts;
  const api = express.Router();
  api.use(requireBearer(opts.agentToken));
  api.use(express.json({ limit: '32kb' }));
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  const ticketId = (req: Request) => String(req.params.id);
  const existing = async (req: Request) => {
    const ticket = await service.get(ticketId(req));
    if (!ticket) throw new BadRequest(404, 'unknown_ticket', `No ticket ${ticketId(req)}.`);
    return ticket;
  };
  const answer = (res: Response, result: ConsoleActionResult) => {
    const body: ActionResponse = {
      ok: result.ok,
      ...(result.reason !== undefined ? { reason: result.reason } : {}),
      ticket: result.ticket ? toWireTicket(result.ticket) : null,
    };
    res.status(result.ok ? 200 : 409).json(body);
  };

  api.get('/tickets', async (req, res) => {
    const statuses = parseStatuses(req.query.status);
    const tickets = (await service.list(statuses)).filter((t) => statuses.includes(t.status));
    const body: ListResponse = { tickets: tickets.sort(queueOrder).map(toWireTicket) };
    res.json(body);
  });

  api.get('/tickets/:id', async (req, res) => {
    const ticket = await existing(req);
    const transcript: WireMessage[] = (await service.transcript(ticket.id))
      .filter((m) => WIRE_ROLES.has(m.role))
      .map((m) => ({ role: m.role as WireMessage['role'], text: m.text, at: m.at }));
    const body: DetailResponse = { ticket: toWireTicket(ticket), transcript };
    res.json(body);
  });

  api.post('/tickets/:id/take', async (req, res) => {
    const agent = parseAgent(bodyOf(req));
    answer(res, await service.take((await existing(req)).id, agent));
  });

  api.post('/tickets/:id/reply', async (req, res) => {
    const body = bodyOf(req);
    const agent = parseAgent(body);
    const text = parseText(body);
    const ticket = await existing(req);
    const result = await service.reply(ticket.id, agent, text);
    if (result.ok) {
      // What was stored (masked, and worded as the user got it), so every console shows the same.
      const sent = (await service.transcript(ticket.id)).findLast((m) => m.role === 'agent');
      events.publish({
        type: 'agentMessage',
        ticketId: ticket.id,
        conversationId: ticket.conversationId,
        agent,
        text: sent?.text ?? redact(text).text,
        at: sent?.at ?? opts.now(),
      });
    }
    answer(res, result);
  });

  api.post('/tickets/:id/close', async (req, res) => {
    const agent = parseAgent(bodyOf(req));
    answer(res, await service.close((await existing(req)).id, agent));
  });

  api.post('/tickets/:id/return', async (req, res) => {
    const body = bodyOf(req);
    const agent = parseAgent(body);
    const to = parseReturnState(body);
    answer(res, await service.returnToBot((await existing(req)).id, agent, to));
  });

  api.get('/events', (req, res) => events.subscribe(req, res));

  api.use((req, res) => {
    res.status(404).json({ error: 'not_found', message: `No route for ${req.method} ${req.originalUrl}.` });
  });
  const onError: ErrorRequestHandler = (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const type = (error as { type?: unknown }).type;
    if (error instanceof BadRequest) {
      res.status(error.status).json({ error: error.code, message: error.message });
    } else if (type === 'entity.parse.failed') {
      res.status(400).json({ error: 'bad_json', message: 'The request body is not valid JSON.' });
    } else if (type === 'entity.too.large') {
      res.status(413).json({ error: 'too_large', message: 'The request body is too large.' });
    } else if (isClientError(error)) {
      res.status(error.status).json({ error: 'bad_request', message: error.message || 'Bad request.' });
    } else {
      opts.onError(error);
      res.status(500).json({ error: 'internal', message: 'Something went wrong on our side.' });
    }
  };
  api.use(onError);
  return api;
}
