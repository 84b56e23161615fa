import pino, { type Logger } from 'pino';

export type LogFormat = 'pretty' | 'json';

/**
 * pino, readable in a terminal and JSON otherwise. The pipeline never logs headers or bodies,
 * so keys, tokens and cards stay out by construction (tests search the captured log for
 * canaries). The redaction below covers the two objects that could carry one, by exact path:
 * wildcard paths made pino walk every access-log line (~20 µs a request).
 */
export function createLogger(options: { level?: string; format?: LogFormat } = {}): Logger {
  const format = options.format ?? (process.stdout.isTTY ? 'pretty' : 'json');
  const base = {
    level: options.level ?? 'info',
    base: undefined,
    redact: {
      paths: ['req.headers["x-api-key"]', 'headers["x-api-key"]', 'err.config.headers'],
      censor: '[redacted]',
    },
  };
  if (format === 'pretty') {
    return pino(base, pino.transport({ target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } }));
  }
  return pino(base, pino.destination({ dest: 1, sync: false }));
}
