#!/bin/sh
set -e

if [ -z "$DB_HOST" ] || [ -z "$DB_PORT" ] || [ -z "$DB_NAME" ]; then
  echo "DB_HOST, DB_PORT e DB_NAME precisam estar definidas."
  exit 1
fi

echo "Aguardando o PostgreSQL em $DB_HOST:$DB_PORT..."
while ! pg_isready -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" > /dev/null 2>&1; do
  sleep 1
done

echo "Inicializando o banco de dados..."
flask init-db

echo "Subindo o gunicorn..."
exec gunicorn --bind 0.0.0.0:5000 app:app
