workers Integer(ENV.fetch("WEB_CONCURRENCY", 2))
threads 5, 5
port ENV.fetch("PORT", 9292)
preload_app!
