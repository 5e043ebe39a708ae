// `pnpm start`: runs the server until SIGINT/SIGTERM, then shuts down gracefully.
import { loadConfig } from './config.ts';
import { startApp } from './app.ts';

const app = await startApp(loadConfig());
// A promise rejected with nobody listening (a fire-and-forget write, a dropped socket) is logged, not fatal: Node's
// default would end the process, and with it every connection. Request handlers have their own guard (http/server.ts).
process.on('unhandledRejection', (reason) => app.log.error({ err: reason }, 'unhandled promise rejection'));
process.stdout.write(`Certijury is running on ${app.url} (GraphQL: ${app.url}/graphql)\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
