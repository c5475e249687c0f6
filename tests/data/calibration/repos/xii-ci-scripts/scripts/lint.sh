#!/bin/sh
# Formatting and vet checks used by CI.
set -eu
test -z "$(gofmt -l .)"
go vet ./...
