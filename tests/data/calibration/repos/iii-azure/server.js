const express = require('express');
const { BlobServiceClient } = require('@azure/storage-blob');

const blobs = BlobServiceClient.fromConnectionString(process.env.STORAGE).getContainerClient('reports');
const app = express();

app.get('/reports/:name', async (req, res) => {
  const blob = blobs.getBlobClient(req.params.name);
  if (!(await blob.exists())) return res.sendStatus(404);
  const download = await blob.download();
  res.type(download.contentType || 'application/octet-stream');
  download.readableStreamBody.pipe(res);
});

const server = app.listen(process.env.PORT || 3000);

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
