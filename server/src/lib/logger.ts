// Structured JSON logs (pino). Never log personal data: ids, not names or emails.
import { pino, destination, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'certijury' } }, destination(2));
}
