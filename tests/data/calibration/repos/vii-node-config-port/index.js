const express = require('express');
const config = require('./config');

const app = express();

app.get('/slug', (req, res) => {
  const text = String(req.query.text || '');
  const slug = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, config.maxLength);
  res.json({ slug });
});

app.listen(config.port, () => console.log(`slugger listening on ${config.port}`));
