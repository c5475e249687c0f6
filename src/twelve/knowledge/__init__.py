"""What twelve knows about the world outside the repository: programs (servers, workers,
schedulers, supervisors, development servers) and their defaults. Facts say what a file states;
knowledge says what that means (gunicorn drains on SIGTERM, Puma binds port 3000)."""
