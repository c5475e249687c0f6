module.exports = {
  port: 3000,
  maxLength: 80,
};
