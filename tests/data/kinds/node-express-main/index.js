const express = require("express");
const routes = require("./routes");

const app = express();
app.use(express.json());
app.use("/orders", routes);

const port = process.env.PORT || 3000;
app.listen(port, () => console.log(`orders on ${port}`));
