const { slug } = require("..");
require("node:test")("slug", () => slug("A B"));
