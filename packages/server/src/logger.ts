import { pino } from 'pino';

/** The structured logger handed through `deps`. Never log tokens, secrets or scripts. */
export type Logger = pino.Logger;

export function createLogger(options: { level: string; format?: 'json' | 'pretty' }): Logger {
  return pino({
    level: options.level,
    base: undefined,
    // Defence in depth: even if a caller passes a whole request or token object by mistake.
    redact: {
      paths: [
        'password',
        '*.password',
        'secret',
        '*.secret',
        'clientSecret',
        '*.clientSecret',
        'token',
        '*.token',
        'accessToken',
        'refreshToken',
        'authorization',
        '*.authorization',
        'req.headers.authorization',
        'req.headers.cookie',
        'script',
        '*.script',
      ],
      censor: '[redacted]',
    },
  });
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
