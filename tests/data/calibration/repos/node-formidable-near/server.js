const fs = require('fs');
const os = require('os');
const crypto = require('crypto');
const express = require('express');
const { formidable } = require('formidable');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const { MongoClient, ObjectId } = require('mongodb');

const s3 = new S3Client({});
const client = new MongoClient(process.env.MONGODB_URI);
const users = client.db().collection('users');
const app = express();

app.post('/users/:id/avatar', async (req, res) => {
  const form = formidable({ uploadDir: os.tmpdir(), maxFileSize: 5 * 1024 * 1024 });
  const [, files] = await form.parse(req);
  const file = files.avatar && files.avatar[0];
  if (!file) return res.sendStatus(400);
  const key = `avatars/${req.params.id}/${crypto.randomUUID()}`;
  try {
    await s3.send(new PutObjectCommand({
      Bucket: process.env.AVATAR_BUCKET,
      Key: key,
      Body: fs.createReadStream(file.filepath),
      ContentType: file.mimetype,
    }));
  } finally {
    await fs.promises.unlink(file.filepath);
  }
  await users.updateOne({ _id: new ObjectId(req.params.id) }, { $set: { avatarKey: key } });
  res.status(201).json({ key });
});

client.connect().then(() => {
  const server = app.listen(process.env.PORT || 3000);
  process.on('SIGTERM', () => server.close(() => client.close()));
});
