#!/bin/sh
set -e
# with arguments, run them as a one-off command (docker compose run web python manage.py ...)
if [ "$#" -gt 0 ]; then
    exec "$@"
fi
python manage.py makemigrations --noinput
python manage.py migrate --noinput
exec gunicorn notesite.wsgi:application --bind 0.0.0.0:8000 --workers 2
