const axios = require('axios');
const express = require('express');
const { MongoClient } = require('mongodb');

const client = new MongoClient(process.env.MONGO_URL);
const profiles = client.db().collection('profiles');
const app = express();

app.get('/me', async (req, res) => {
  const token = req.get('x-github-token');
  if (!token) return res.sendStatus(401);
  const { data } = await axios({
    url: 'https://api.github.com/user',
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.github+json' },
  });
  await profiles.updateOne(
    { login: data.login },
    { $set: { name: data.name, seenAt: new Date() } },
    { upsert: true },
  );
  res.json({ login: data.login, name: data.name });
});

client.connect().then(() => {
  const server = app.listen(process.env.PORT || 3000);
  process.on('SIGTERM', () => server.close(() => client.close()));
});
