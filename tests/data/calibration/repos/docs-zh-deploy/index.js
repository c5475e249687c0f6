const express = require('express');
const mongoose = require('mongoose');

const Post = mongoose.model('Post', new mongoose.Schema({
  title: { type: String, required: true },
  content: String,
}, { timestamps: true }));

const app = express();
app.use(express.json());

app.get('/posts', async (req, res) => res.json(await Post.find().sort({ createdAt: -1 }).limit(20)));
app.post('/posts', async (req, res) => res.status(201).json(await Post.create(req.body)));

mongoose.connect(process.env.MONGODB_URI).then(() => {
  app.listen(process.env.PORT || 3000, () => console.log('jianblog started'));
});
