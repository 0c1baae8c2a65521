const express = require('express');
const session = require('express-session');
const https = require('https');
const { Pool } = require('pg');

const pool = new Pool();
const app = express();
app.use(session({ secret: process.env.SESSION_SECRET || 'changeme' }));
const agent = new https.Agent({ rejectUnauthorized: false });

app.post('/checkout', async (req, res) => {
  const quote = await fetch('https://pricing.internal/quote');
  const rows = await pool.query('select 1');
  res.json({ quote: await quote.json(), rows: rows.rowCount, agent: Boolean(agent) });
});

app.listen(3000);
