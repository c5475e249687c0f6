const http = require("http");
const { slug } = require("..");
http.createServer((req, res) => res.end(slug(req.url))).listen(process.env.PORT || 3000);
