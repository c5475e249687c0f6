const express = require('express');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const app = express();
app.use(express.json());

app.get('/links', async (req, res) => {
  const { rows } = await pool.query('SELECT id, url, title FROM links ORDER BY id DESC LIMIT 100');
  res.json(rows);
});

app.post('/links', async (req, res) => {
  const { rows } = await pool.query('INSERT INTO links (url, title) VALUES ($1, $2) RETURNING id', [req.body.url, req.body.title]);
  res.status(201).json(rows[0]);
});

const server = app.listen(process.env.PORT || 3000);
process.on('SIGTERM', () => server.close(() => pool.end()));
