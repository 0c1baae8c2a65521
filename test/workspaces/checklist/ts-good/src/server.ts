import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import pinoHttp from 'pino-http';
import { collectDefaultMetrics, register } from 'prom-client';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const app = express();
collectDefaultMetrics();
app.use(helmet());
app.use(rateLimit({ windowMs: 60_000, limit: 100 }));
app.use(pinoHttp({ genReqId: (req) => req.headers['x-request-id']?.toString() ?? crypto.randomUUID() }));
app.use((req, res, next) => {
  res.setHeader('X-Request-Id', String(req.id));
  next();
});
app.get('/healthz', (_req, res) => {
  res.send('ok');
});
app.get('/metrics', async (_req, res) => {
  res.type(register.contentType).send(await register.metrics());
});
app.get('/products', async (_req, res) => {
  res.json(await prisma.product.findMany());
});

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port);
server.requestTimeout = 10_000;

process.on('unhandledRejection', (reason) => {
  console.error('unhandled rejection', reason);
  process.exit(1);
});
process.on('SIGTERM', () => {
  server.close(() => void prisma.$disconnect());
});
