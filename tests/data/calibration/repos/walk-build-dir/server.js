const express = require('express');
const { MongoClient } = require('mongodb');

const client = new MongoClient(process.env.MONGO_URL);
const app = express();

app.get('/quotes/random', async (req, res) => {
  const [quote] = await client.db().collection('quotes').aggregate([{ $sample: { size: 1 } }]).toArray();
  res.json(quote || {});
});

client.connect().then(() => {
  const server = app.listen(process.env.PORT || 3000);
  process.on('SIGTERM', () => server.close(() => client.close()));
});
