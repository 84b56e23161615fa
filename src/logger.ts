import pino, { type Logger } from 'pino';

export type LogFormat = 'pretty' | 'json';

/**
 * pino, readable in a terminal and JSON otherwise. Redaction is a safety net: the pipeline
 * never logs headers or bodies in the first place, so keys, tokens and cards stay out.
 */
export function createLogger(options: { level?: string; format?: LogFormat } = {}): Logger {
  const format = options.format ?? (process.stdout.isTTY ? 'pretty' : 'json');
  const base = {
    level: options.level ?? 'info',
    base: undefined,
    redact: {
      paths: [
        'req.headers["x-api-key"]',
        '*.access_token',
        '*.card_number',
        '*.cvc',
        '*.expiry',
        '*.callback_signing_secret',
        'headers["x-api-key"]',
      ],
      censor: '[redacted]',
    },
  };
  if (format === 'pretty') {
    return pino(base, pino.transport({ target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } }));
  }
  return pino(base, pino.destination({ dest: 1, sync: false }));
}
