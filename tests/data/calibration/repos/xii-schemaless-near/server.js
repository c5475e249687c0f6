const express = require('express');
const mongoose = require('mongoose');

const Bookmark = mongoose.model('Bookmark', new mongoose.Schema({
  url: { type: String, required: true, unique: true },
  slug: { type: String, required: true, unique: true },
  title: String,
}, { timestamps: true }));

const app = express();
app.use(express.json());

app.get('/bookmarks/:slug', async (req, res) => {
  const bookmark = await Bookmark.findOne({ slug: req.params.slug });
  if (!bookmark) return res.sendStatus(404);
  res.json(bookmark);
});

app.post('/bookmarks', async (req, res) => {
  const bookmark = await Bookmark.create(req.body);
  res.status(201).json(bookmark);
});

mongoose.connect(process.env.MONGODB_URI).then(() => {
  const server = app.listen(process.env.PORT || 3000);
  process.on('SIGTERM', () => server.close(() => mongoose.disconnect()));
});
