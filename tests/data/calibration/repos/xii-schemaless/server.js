const express = require('express');
const { MongoClient } = require('mongodb');

const client = new MongoClient(process.env.MONGODB_URI);
const app = express();
app.use(express.json());

async function main() {
  await client.connect();
  const bookmarks = client.db().collection('bookmarks');
  await bookmarks.createIndex({ url: 1 }, { unique: true });

  app.get('/bookmarks', async (req, res) => {
    res.json(await bookmarks.find().sort({ createdAt: -1 }).limit(50).toArray());
  });

  app.post('/bookmarks', async (req, res) => {
    const { url, title } = req.body;
    await bookmarks.updateOne({ url }, { $set: { title, createdAt: new Date() } }, { upsert: true });
    res.status(201).json({ url });
  });

  const server = app.listen(process.env.PORT || 3000);
  process.on('SIGTERM', () => server.close(() => client.close()));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
