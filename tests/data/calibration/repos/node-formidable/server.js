const path = require('path');
const express = require('express');
const formidable = require('express-formidable');
const { MongoClient, ObjectId } = require('mongodb');

const client = new MongoClient(process.env.MONGODB_URI);
const users = client.db().collection('users');
const app = express();

app.use(formidable({ uploadDir: path.join(__dirname, 'uploads'), keepExtensions: true }));
app.use('/uploads', express.static(path.join(__dirname, 'uploads')));

app.post('/users/:id/avatar', async (req, res) => {
  const file = req.files.avatar;
  if (!file) return res.sendStatus(400);
  await users.updateOne({ _id: new ObjectId(req.params.id) }, { $set: { avatar: path.basename(file.path) } });
  res.status(201).json({ avatar: `/uploads/${path.basename(file.path)}` });
});

client.connect().then(() => {
  const server = app.listen(process.env.PORT || 3000);
  process.on('SIGTERM', () => server.close(() => client.close()));
});
