/**
 * The request facts an event carries, passed from routes into services as a plain value
 * (never a Koa object): who acted, from where, through which operation.
 */
interface Actor {
  /** A user (a signed-in admin) or an application (client credentials). */
  type: 'user' | 'application';
  id: string;
}

export interface RequestFacts {
  actor?: Actor;
  ip?: string;
  userAgent?: string;
  /** Request path and method of the Management API call (Logto's data hook fields). */
  path?: string;
  method?: string;
  /** The route template that matched (`/users/:id`). */
  matchedRoute?: string;
  params?: Record<string, string>;
  /** The status the operation answers with when it succeeds. */
  status?: number;
}

/** For changes made outside a request (CLI, startup, background work). */
export const SYSTEM: RequestFacts = {};
