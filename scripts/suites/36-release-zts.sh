#!/usr/bin/env bash
# The release ZTS build that threaded servers such as FrankenPHP run: PHP 8.4 built from its orig tarball with
# --enable-zts and without debug (`PHP_SERIES=8.4 scripts/php-build release-zts`, with the embed SAPI), the extension
# built against it, and 35-checkers' checks run there with this extension and with that build's C module:
# php-tests/ and php-src's 8.4 ext/sysvmsg tests (run-tests.php of the same source), the threads harness (producer and
# consumer threads, each its own request, on shared queues), and no checker report on stderr.
# A suite of its own, so that it has its own time limit in scripts/test: a PHP build costs about 5 minutes on 2 cores
# (16 measured for this one on a busy machine), and 35-checkers already builds three.
# Env: RELEASE_ZTS_CONFIGS (default "8.4:release-zts": [SERIES:]CONFIG entries as CHECKERS_CONFIGS), and 35-checkers'
# PHPT_JOBS, PHPT_TIMEOUT, THREADS_N, THREADS_MESSAGES, CHECKERS_TARGET.
set -euo pipefail
CHECKERS_CONFIGS=${RELEASE_ZTS_CONFIGS:-8.4:release-zts} exec bash "$(dirname "${BASH_SOURCE[0]}")/35-checkers.sh"
