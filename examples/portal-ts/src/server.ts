import http from 'node:http';
import axios from 'axios';

interface Account {
  id: string;
  plan?: { name: string; seats: number };
}

const accounts = new Map<string, Account>();

async function loadProfile(id: string): Promise<unknown> {
  const response = await fetch(`https://profiles.internal/api/${id}`);
  return response.json();
}

async function notifyBilling(account: Account): Promise<void> {
  await axios.post('https://billing.internal/events', { account: account.id, seats: account.plan!.seats });
}

const server = http.createServer(async (req, res) => {
  const id = new URL(req.url!, 'http://localhost').searchParams.get('id') ?? '';
  const account = accounts.get(id);
  if (!account) {
    res.writeHead(404).end();
    return;
  }
  await notifyBilling(account);
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(await loadProfile(id)));
});

server.listen(Number(process.env.PORT ?? 3000));
