const RedisStore = require('connect-redis').default;
const { createClient } = require('redis');
const express = require('express');
const session = require('express-session');

const app = express();
app.set('trust proxy', 1);

const sessionOptions = {
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: { secure: process.env.NODE_ENV === 'production', maxAge: 24 * 3600 * 1000 },
};

if (process.env.REDIS_URL) {
  const redisClient = createClient({ url: process.env.REDIS_URL });
  redisClient.connect().catch((err) => console.error('redis', err));
  sessionOptions.store = new RedisStore({ client: redisClient, prefix: 'cart:' });
}

app.use(session(sessionOptions));
app.use(express.json());

app.get('/cart', (req, res) => res.json(req.session.cart || []));
app.post('/cart', (req, res) => {
  req.session.cart = [...(req.session.cart || []), req.body.sku];
  res.status(201).json(req.session.cart);
});
app.get('/healthz', (req, res) => res.send('ok'));

const server = app.listen(process.env.PORT || 3000);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
