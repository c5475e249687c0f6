const express = require('express');
const multer = require('multer');

const storage = multer.diskStorage({
  destination: './uploads',
  filename: (req, file, cb) => cb(null, `${Date.now()}-${file.originalname}`),
});
const upload = multer({ storage, limits: { fileSize: 2 * 1024 * 1024 } });

const app = express();

app.post('/avatars', upload.single('avatar'), (req, res) => {
  res.status(201).json({ url: `/avatars/${req.file.filename}` });
});
app.use('/avatars', express.static('uploads'));

const server = app.listen(process.env.PORT || 3000);

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
