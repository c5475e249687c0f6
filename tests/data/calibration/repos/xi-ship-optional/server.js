const appInsights = require('applicationinsights');

if (process.env.AI_CONN) {
  appInsights.setup(process.env.AI_CONN).setAutoCollectConsole(true, true).start();
}

const express = require('express');
const morgan = require('morgan');

const app = express();
app.use(morgan('combined'));
app.use(express.json());

app.post('/events', (req, res) => {
  console.log('event', JSON.stringify(req.body));
  res.sendStatus(202);
});

const server = app.listen(process.env.PORT || 3000);

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
