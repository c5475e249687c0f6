#!/bin/sh
# Builds echoip_<version>_amd64.deb into /out.
set -eu
VERSION="${VERSION:-0.0.0}"
stage=$(mktemp -d)
mkdir -p "$stage/usr/bin" "$stage/DEBIAN" /out
CGO_ENABLED=0 go build -trimpath -o "$stage/usr/bin/echoip" .
sed "s/@VERSION@/$VERSION/" packaging/deb/control > "$stage/DEBIAN/control"
dpkg-deb --build --root-owner-group "$stage" "/out/echoip_${VERSION}_amd64.deb"
