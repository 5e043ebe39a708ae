// `pnpm start`: runs the server until SIGINT/SIGTERM, then shuts down gracefully.
import { loadConfig } from './config.ts';
import { startApp } from './app.ts';

const app = await startApp(loadConfig());
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
