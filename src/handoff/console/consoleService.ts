/**
 * What the console needs from the HandoffService: its agent side. A Pick, so that a test double
 * needs only these methods.
 */
import type { AgentReplyResult, HandoffService } from '../handoffService.ts';

export type ConsoleService = Pick<
  HandoffService,
  'list' | 'get' | 'transcript' | 'take' | 'reply' | 'close' | 'returnToBot'
>;
export type ConsoleActionResult = AgentReplyResult;
