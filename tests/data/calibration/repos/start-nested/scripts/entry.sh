#!/bin/sh
# Container entry point: checks the settings, then hands over to serve.sh.
set -e
python manage.py check
exec serve.sh
