import Fastify from 'fastify';
import helmet from '@fastify/helmet';
import pino from 'pino';

const logger = pino();
const app = Fastify({ logger, requestIdHeader: 'x-request-id', requestTimeout: 10_000 });
await app.register(helmet);
app.get('/', async () => ({ hello: 'shop' }));

process.on('uncaughtException', (error) => {
  logger.fatal(error);
  process.exit(1);
});
process.once('SIGTERM', () => app.close());
await app.listen({ port: 3000, host: '0.0.0.0' });
