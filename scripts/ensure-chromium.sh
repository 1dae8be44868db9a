#!/bin/sh
# Install Debian's chromium for the browser tests when it is missing and we may install packages.
# Never fails: without a browser the browser tests skip with a message saying why.
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
        || echo "could not install chromium: browser tests will be skipped"
else
    echo "chromium not found and cannot be installed here: browser tests will be skipped"
fi
exit 0
