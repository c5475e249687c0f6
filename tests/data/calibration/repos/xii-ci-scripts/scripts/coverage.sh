#!/bin/sh
# Runs the tests with coverage and fails under the threshold.
set -eu
go test -covermode=atomic -coverprofile=coverage.out ./...
total=$(go tool cover -func=coverage.out | awk '/^total:/ {print int($3)}')
echo "coverage: ${total}%"
[ "$total" -ge "${MIN_COVERAGE:-60}" ]
