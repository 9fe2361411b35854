import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Reply } from '../core/ports.ts';

/**
 * A platform adapter as the HTTP server sees it. Each channel file exports a factory returning one;
 * src/main.ts builds the enabled ones and hands them to the server.
 */
export interface Channel {
  /** 'web', 'slack', 'line': also the prefix of its conversation ids (`web:…`, `slack:T:U`, `line:U`). */
  readonly name: string;
  /** Adds its routes (and sockets) to the shared server. Called once, before listening. */
  mount(app: Express, server: Server): void | Promise<void>;
  /** Starts anything that runs beside HTTP (Socket Mode, timers). Optional. */
  start?(): Promise<void>;
  /**
   * Sends replies that are not the answer to a user's message (a human agent's words, a timeout
   * notice) to the user on this channel: web socket, LINE push, Slack message in the thread.
   */
  deliver(conversationId: string, replies: Reply[]): Promise<void>;
  /** Stops accepting, waits for its turns in flight, releases timers and sockets. */
  stop(): Promise<void>;
}
